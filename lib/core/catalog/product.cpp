#include "core/catalog/product.hpp"

#include "core/timestamp.hpp"

namespace libstore {

namespace {

Value optional_text(const std::optional<std::string> &text) {
    return text ? Value(*text) : Value();
}

}  // namespace

void derive_totals(Product &product) {
    std::optional<Cents> lowest_purchasable;
    std::optional<Cents> lowest;
    std::int64_t stock = 0;
    for (const auto &variant : product.variants) {
        if (!lowest || variant.price_cents < *lowest) {
            lowest = variant.price_cents;
        }
        if (is_purchasable(variant, true) &&
            (!lowest_purchasable || variant.price_cents < *lowest_purchasable)) {
            lowest_purchasable = variant.price_cents;
        }
        if (variant.in_stock) {
            stock += variant.stock;
        }
    }
    product.price_cents = lowest_purchasable.value_or(lowest.value_or(0));
    product.stock = stock;
}

const Variant *find_variant(const Product &product, const std::string &variant_id) {
    for (const auto &variant : product.variants) {
        if (variant.id == variant_id) {
            return &variant;
        }
    }
    return nullptr;
}

const Product *find_product(const std::vector<Product> &products, const std::string &id) {
    for (const auto &product : products) {
        if (product.id == id) {
            return &product;
        }
    }
    return nullptr;
}

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
    Value variants = Value::array();
    for (const auto &variant : product.variants) {
        variants.push_back(variant_value(variant));
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
        .set("options", options_value(product.options))
        .set("variants", std::move(variants))
        .set("images", std::move(images))
        .set("created_at", format_rfc3339(product.created_at_ms))
        .set("updated_at", format_rfc3339(product.updated_at_ms));
    return value;
}

}  // namespace libstore
