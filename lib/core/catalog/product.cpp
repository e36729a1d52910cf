#include "core/catalog/product.hpp"

#include "core/timestamp.hpp"

namespace libstore {

namespace {

Value optional_text(const std::optional<std::string> &text) {
    return text ? Value(*text) : Value();
}

}  // namespace

bool is_publicly_visible(const Product &product) {
    return product.in_stock && product.stock > 0;
}

Value product_value(const Product &product) {
    Value sizes = Value::array();
    for (const auto &size : product.sizes) {
        sizes.push_back(size);
    }
    Value attributes = Value::object();
    for (const auto &[key, text] : product.attributes) {
        attributes.set(key, text);
    }
    Value value = Value::object();
    value.set("id", product.id)
        .set("name", product.name)
        .set("description", optional_text(product.description))
        .set("price", money_value(product.price_cents))
        .set("stock", product.stock)
        .set("in_stock", product.in_stock)
        .set("category_id", optional_text(product.category_id))
        .set("image_url", optional_text(product.image_url))
        .set("sizes", std::move(sizes))
        .set("attributes", std::move(attributes))
        .set("created_at", format_rfc3339(product.created_at_ms))
        .set("updated_at", format_rfc3339(product.updated_at_ms));
    return value;
}

}  // namespace libstore
