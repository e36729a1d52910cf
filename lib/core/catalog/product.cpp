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

std::string image_url_path(const std::string &image_id) {
    return "/images/" + image_id;
}

Value product_image_value(const ProductImage &image) {
    Value value = Value::object();
    value.set("id", image.id)
        .set("url", image_url_path(image.id))
        .set("content_type", image.content_type);
    return value;
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
    Value images = Value::array();
    for (const auto &image : product.images) {
        images.push_back(product_image_value(image));
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
        .set("images", std::move(images))
        .set("created_at", format_rfc3339(product.created_at_ms))
        .set("updated_at", format_rfc3339(product.updated_at_ms));
    return value;
}

}  // namespace libstore
