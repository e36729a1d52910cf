#include "adapters/mongo/product_bson.hpp"

#include <string>
#include <vector>

#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/product_pipeline.hpp"

namespace libstore::mongo {

namespace {

VariantOptions read_pairs(const bson_t *document, const char *key) {
    VariantOptions pairs;
    for_each_document_in(document, key, [&](const bson_t *pair) {
        auto name = read_string(pair, "k");
        auto value = read_string(pair, "v");
        if (name && value) {
            pairs.emplace_back(std::move(*name), std::move(*value));
        }
    });
    return pairs;
}

std::vector<ProductOption> read_options(const bson_t *document) {
    std::vector<ProductOption> options;
    for_each_document_in(document, "options", [&](const bson_t *option) {
        options.push_back(
            ProductOption{read_string_or(option, "name", ""), read_string_list(option, "values")});
    });
    return options;
}

std::vector<Variant> read_variants(const bson_t *document, const Product &product) {
    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, document, "variants") || !BSON_ITER_HOLDS_ARRAY(&iter)) {
        // Written before variants existed: the stored price and stock are its only variant's.
        return {default_variant_of_old_document(product.id, read_int64(document, "price_cents"),
                                                read_int64(document, "stock"))};
    }
    std::vector<Variant> variants;
    for_each_document_in(document, "variants", [&](const bson_t *item) {
        Variant variant;
        variant.id = read_oid_hex(item, "_id");
        variant.sku = read_string(item, "sku");
        variant.options = read_pairs(item, "options");
        variant.price_cents = read_int64(item, "price_cents");
        variant.stock = read_int64(item, "stock");
        variant.in_stock = read_bool(item, "in_stock", false);
        variants.push_back(std::move(variant));
    });
    return variants;
}

// Documents written before images existed have none.
std::vector<ProductImage> read_images(const bson_t *document) {
    std::vector<ProductImage> images;
    for_each_document_in(document, "images", [&](const bson_t *image) {
        std::string id = read_oid_hex(image, "id");
        auto content_type = read_string(image, "content_type");
        if (!id.empty() && content_type) {
            images.push_back({std::move(id), std::move(*content_type)});
        }
    });
    return images;
}

}  // namespace

Product product_from_bson(const bson_t *document) {
    Product product;
    product.id = read_oid_hex(document, "_id");
    product.name = read_string_or(document, "name", "");
    product.name_key = read_string_or(document, "name_lower", "");
    product.description = read_string(document, "description");
    product.in_stock = read_bool(document, "in_stock", false);
    std::string category_id = read_oid_hex(document, "category_id");
    if (!category_id.empty()) {
        product.category_id = std::move(category_id);
    }
    product.image_url = read_string(document, "image_url");
    product.sizes = read_string_list(document, "sizes");
    product.attributes = read_pairs(document, "attributes");
    product.images = read_images(document);
    product.options = read_options(document);
    product.variants = read_variants(document, product);
    product.revision = read_int64(document, "revision");
    derive_totals(product);
    product.created_at_ms = read_date_ms(document, "created_at");
    product.updated_at_ms = read_date_ms(document, "updated_at");
    return product;
}

}  // namespace libstore::mongo
