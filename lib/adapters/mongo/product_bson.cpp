#include "adapters/mongo/product_bson.hpp"

#include <string>
#include <vector>

#include "adapters/mongo/bson_fields.hpp"

namespace libstore::mongo {

namespace {

ProductAttributes read_attributes(const bson_t *document) {
    ProductAttributes attributes;
    bson_iter_t iter;
    bson_iter_t items;
    if (!bson_iter_init_find(&iter, document, "attributes") || !BSON_ITER_HOLDS_ARRAY(&iter) ||
        !bson_iter_recurse(&iter, &items)) {
        return attributes;
    }
    while (bson_iter_next(&items)) {
        if (!BSON_ITER_HOLDS_DOCUMENT(&items)) {
            continue;
        }
        uint32_t length = 0;
        const uint8_t *data = nullptr;
        bson_iter_document(&items, &length, &data);
        bson_t pair;
        if (bson_init_static(&pair, data, length)) {
            auto key = read_string(&pair, "k");
            auto text = read_string(&pair, "v");
            if (key && text) {
                attributes.emplace_back(std::move(*key), std::move(*text));
            }
        }
    }
    return attributes;
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
    product.price_cents = read_int64(document, "price_cents");
    product.stock = read_int64(document, "stock");
    product.in_stock = read_bool(document, "in_stock", false);
    std::string category_id = read_oid_hex(document, "category_id");
    if (!category_id.empty()) {
        product.category_id = std::move(category_id);
    }
    product.image_url = read_string(document, "image_url");
    product.sizes = read_string_list(document, "sizes");
    product.attributes = read_attributes(document);
    product.images = read_images(document);
    product.created_at_ms = read_date_ms(document, "created_at");
    product.updated_at_ms = read_date_ms(document, "updated_at");
    return product;
}

}  // namespace libstore::mongo
