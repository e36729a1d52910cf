#include "adapters/mongo/mongo_product_repository.hpp"

#include <algorithm>
#include <list>
#include <string>

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/product_bson.hpp"
#include "adapters/mongo/regex_escape.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

void append_sizes(bson_t *document, const std::vector<std::string> &sizes) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, "sizes", &array);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        append_text(&array, std::to_string(i).c_str(), sizes[i]);
    }
    bson_append_array_end(document, &array);
}

void append_attributes(bson_t *document, const ProductAttributes &attributes) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, "attributes", &array);
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        bson_t pair;
        BSON_APPEND_DOCUMENT_BEGIN(&array, std::to_string(i).c_str(), &pair);
        append_text(&pair, "k", attributes[i].first);
        append_text(&pair, "v", attributes[i].second);
        bson_append_document_end(&array, &pair);
    }
    bson_append_array_end(document, &array);
}

void append_images(bson_t *document, const std::vector<ProductImage> &images) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, "images", &array);
    for (std::size_t i = 0; i < images.size(); ++i) {
        bson_t image;
        BSON_APPEND_DOCUMENT_BEGIN(&array, std::to_string(i).c_str(), &image);
        append_object_id(&image, "id", images[i].id);
        append_text(&image, "content_type", images[i].content_type);
        bson_append_document_end(&array, &image);
    }
    bson_append_array_end(document, &array);
}

void append_id_filter(bson_t *filter, const std::string &id) {
    append_object_id(filter, "_id", id);
}

// The conditions of a listing, each a document of its own, combined with $and at the end:
// several of them test the same field (attributes, $or), which one flat document cannot hold.
class Conditions {
  public:
    // A new condition to fill; valid until the next call.
    bson_t *add() {
        conditions_.emplace_back();
        return conditions_.back().get();
    }

    void append_to(bson_t *filter) const {
        if (conditions_.empty()) {
            return;
        }
        bson_t all;
        BSON_APPEND_ARRAY_BEGIN(filter, "$and", &all);
        std::size_t index = 0;
        for (const auto &condition : conditions_) {
            std::string key = std::to_string(index++);
            bson_append_document(&all, key.c_str(), -1, condition.get());
        }
        bson_append_array_end(filter, &all);
    }

  private:
    std::list<BsonDocument> conditions_;  // BsonDocument does not move; a list never moves items
};

const char *sort_field(ProductSortKey key) {
    switch (key) {
        case ProductSortKey::name:
            return "name_lower";
        case ProductSortKey::price:
            return "price_cents";
        case ProductSortKey::created_at:
            return "created_at";
    }
    return "name_lower";
}

void append_sort_value(bson_t *document, const char *key, const ProductSort &sort,
                       const ProductPosition &position) {
    switch (sort.key) {
        case ProductSortKey::name:
            append_text(document, key, position.name_key);
            break;
        case ProductSortKey::price:
            bson_append_int64(document, key, -1, position.number);
            break;
        case ProductSortKey::created_at:
            bson_append_date_time(document, key, -1, position.number);
            break;
    }
}

// Strictly after `position` in the sort order: a greater (or, descending, smaller) key, or the
// same key and a greater (smaller) id. Items inserted meanwhile land on one side or the other,
// so nothing that existed is skipped or repeated.
void append_after(bson_t *condition, const ProductSort &sort, const ProductPosition &position) {
    const char *field = sort_field(sort.key);
    const char *beyond = sort.descending ? "$lt" : "$gt";
    bson_t either, branch, range;
    BSON_APPEND_ARRAY_BEGIN(condition, "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, field, &range);
    append_sort_value(&range, beyond, sort, position);
    bson_append_document_end(&branch, &range);
    bson_append_document_end(&either, &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
    append_sort_value(&branch, field, sort, position);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, "_id", &range);
    append_object_id(&range, beyond, position.id);
    bson_append_document_end(&branch, &range);
    bson_append_document_end(&either, &branch);
    bson_append_array_end(condition, &either);
}

void append_text_match(bson_t *condition, const std::string &text) {
    std::string pattern = escape_regex(text);
    bson_t either, branch, regex;
    BSON_APPEND_ARRAY_BEGIN(condition, "$or", &either);
    const char *fields[] = {"name", "description"};
    for (std::size_t i = 0; i < 2; ++i) {
        BSON_APPEND_DOCUMENT_BEGIN(&either, i == 0 ? "0" : "1", &branch);
        BSON_APPEND_DOCUMENT_BEGIN(&branch, fields[i], &regex);
        append_text(&regex, "$regex", pattern);
        BSON_APPEND_UTF8(&regex, "$options", "i");
        bson_append_document_end(&branch, &regex);
        bson_append_document_end(&either, &branch);
    }
    bson_append_array_end(condition, &either);
}

void append_filter(bson_t *filter, const ProductQuery &query) {
    Conditions conditions;
    if (query.category_id) {
        append_object_id(conditions.add(), "category_id", *query.category_id);
    }
    if (!query.include_hidden) {
        BSON_APPEND_BOOL(conditions.add(), "in_stock", true);
        bson_t *condition = conditions.add();
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "stock", &range);
        BSON_APPEND_INT64(&range, "$gt", 0);
        bson_append_document_end(condition, &range);
    }
    if (query.min_price_cents || query.max_price_cents) {
        bson_t *condition = conditions.add();
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "price_cents", &range);
        if (query.min_price_cents) {
            BSON_APPEND_INT64(&range, "$gte", *query.min_price_cents);
        }
        if (query.max_price_cents) {
            BSON_APPEND_INT64(&range, "$lte", *query.max_price_cents);
        }
        bson_append_document_end(condition, &range);
    }
    if (query.size) {
        // Equality against an array field matches any element.
        append_text(conditions.add(), "sizes", *query.size);
    }
    for (const auto &[key, text] : query.attributes) {
        bson_t *condition = conditions.add();
        bson_t match;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "attributes", &match);
        bson_t pair;
        BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &pair);
        append_text(&pair, "k", key);
        append_text(&pair, "v", text);
        bson_append_document_end(&match, &pair);
        bson_append_document_end(condition, &match);
    }
    if (query.text) {
        append_text_match(conditions.add(), *query.text);
    }
    if (query.after) {
        append_after(conditions.add(), query.sort, *query.after);
    }
    conditions.append_to(filter);
}

}  // namespace

std::string MongoProductRepository::insert(const Product &product, const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_text(document.get(), "name", product.name);
    append_text(document.get(), "name_lower", product.name_key);
    append_optional_text(document.get(), "description", product.description);
    BSON_APPEND_INT64(document.get(), "price_cents", product.price_cents);
    BSON_APPEND_INT64(document.get(), "stock", product.stock);
    BSON_APPEND_BOOL(document.get(), "in_stock", product.in_stock);
    append_optional_object_id(document.get(), "category_id", product.category_id);
    append_optional_text(document.get(), "image_url", product.image_url);
    append_sizes(document.get(), product.sizes);
    append_attributes(document.get(), product.attributes);
    append_images(document.get(), product.images);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", product.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "updated_at", product.updated_at_ms);
    append_audit_mark_field(document.get(), audit_mark);
    bson_error_t error;
    if (!mongoc_collection_insert_one(products.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "product creation");
    }
    return oid_to_hex(oid);
}

std::optional<Product> MongoProductRepository::find(const std::string &id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    auto found = find_one(products.get(), filter.get(), "product lookup");
    return found ? std::optional<Product>(product_from_bson(found->get())) : std::nullopt;
}

std::optional<Product> MongoProductRepository::update(const std::string &id,
                                                      const ProductChanges &changes,
                                                      std::int64_t updated_at_ms,
                                                      const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    if (changes.name) {
        append_text(&set, "name", *changes.name);
        append_text(&set, "name_lower", changes.name_key.value_or(""));
    }
    if (changes.description) {
        append_optional_text(&set, "description", *changes.description);
    }
    if (changes.price_cents) {
        BSON_APPEND_INT64(&set, "price_cents", *changes.price_cents);
    }
    if (changes.stock) {
        BSON_APPEND_INT64(&set, "stock", *changes.stock);
    }
    if (changes.in_stock) {
        BSON_APPEND_BOOL(&set, "in_stock", *changes.in_stock);
    }
    if (changes.category_id) {
        append_optional_object_id(&set, "category_id", *changes.category_id);
    }
    if (changes.image_url) {
        append_optional_text(&set, "image_url", *changes.image_url);
    }
    if (changes.sizes) {
        append_sizes(&set, *changes.sizes);
    }
    if (changes.attributes) {
        append_attributes(&set, *changes.attributes);
    }
    BSON_APPEND_DATE_TIME(&set, "updated_at", updated_at_ms);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto updated =
        find_one_and_update(products.get(), filter.get(), update.get(), "product update");
    return updated ? std::optional<Product>(product_from_bson(updated->get())) : std::nullopt;
}

bool MongoProductRepository::remove(const std::string &id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_delete_one(products.get(), filter.get(), nullptr, reply.get(), &error)) {
        throw_mongo_error(error, "product deletion");
    }
    return read_int64(reply.get(), "deletedCount") > 0;
}

std::optional<Product> MongoProductRepository::take(const std::string &id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    auto removed = find_one_and_delete(products.get(), filter.get(), "product deletion");
    return removed ? std::optional<Product>(product_from_bson(removed->get())) : std::nullopt;
}

std::optional<Product> MongoProductRepository::add_image(const std::string &product_id,
                                                         const ProductImage &image,
                                                         std::int64_t updated_at_ms,
                                                         const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), product_id);
    BsonDocument update;
    bson_t push, entry, set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$push", &push);
    BSON_APPEND_DOCUMENT_BEGIN(&push, "images", &entry);
    append_object_id(&entry, "id", image.id);
    append_text(&entry, "content_type", image.content_type);
    bson_append_document_end(&push, &entry);
    bson_append_document_end(update.get(), &push);
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_DATE_TIME(&set, "updated_at", updated_at_ms);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto updated =
        find_one_and_update(products.get(), filter.get(), update.get(), "product image upload");
    return updated ? std::optional<Product>(product_from_bson(updated->get())) : std::nullopt;
}

std::optional<Product> MongoProductRepository::remove_image(const std::string &product_id,
                                                            const std::string &image_id,
                                                            std::int64_t updated_at_ms,
                                                            const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    // Only a product that lists the image matches, so "not listed" and "no product" are one
    // answer of one conditional update.
    BsonDocument filter;
    append_id_filter(filter.get(), product_id);
    append_object_id(filter.get(), "images.id", image_id);
    BsonDocument update;
    bson_t pull, match, set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$pull", &pull);
    BSON_APPEND_DOCUMENT_BEGIN(&pull, "images", &match);
    append_object_id(&match, "id", image_id);
    bson_append_document_end(&pull, &match);
    bson_append_document_end(update.get(), &pull);
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_DATE_TIME(&set, "updated_at", updated_at_ms);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto updated =
        find_one_and_update(products.get(), filter.get(), update.get(), "product image deletion");
    return updated ? std::optional<Product>(product_from_bson(updated->get())) : std::nullopt;
}

std::vector<std::string> MongoProductRepository::listed_images(
    const std::vector<std::string> &image_ids) {
    std::vector<std::string> listed;
    if (image_ids.empty()) {
        return listed;
    }
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    bson_t field, any;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "images.id", &field);
    BSON_APPEND_ARRAY_BEGIN(&field, "$in", &any);
    for (std::size_t i = 0; i < image_ids.size(); ++i) {
        append_object_id(&any, std::to_string(i).c_str(), image_ids[i]);
    }
    bson_append_array_end(&field, &any);
    bson_append_document_end(filter.get(), &field);
    BsonDocument options;
    bson_t projection;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "projection", &projection);
    BSON_APPEND_INT32(&projection, "images.id", 1);
    bson_append_document_end(options.get(), &projection);
    find_each(products.get(), filter.get(), options.get(), "image use check",
              [&](const bson_t *document) {
                  for_each_document_in(document, "images", [&](const bson_t *image) {
                      std::string id = read_oid_hex(image, "id");
                      if (std::find(image_ids.begin(), image_ids.end(), id) != image_ids.end()) {
                          listed.push_back(std::move(id));
                      }
                  });
              });
    return listed;
}

bool MongoProductRepository::any_in_category(const std::string &category_id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_object_id(filter.get(), "category_id", category_id);
    return find_one(products.get(), filter.get(), "category use check").has_value();
}

std::vector<Product> MongoProductRepository::list(const ProductQuery &query,
                                                  std::int64_t fetch_limit) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_filter(filter.get(), query);
    BsonDocument options;
    bson_t sort;
    int direction = query.sort.descending ? -1 : 1;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, sort_field(query.sort.key), direction);
    BSON_APPEND_INT32(&sort, "_id", direction);
    bson_append_document_end(options.get(), &sort);
    // One round trip: the whole page (and the one extra that tells whether another follows)
    // comes back in the first batch, and the server closes the cursor itself.
    BSON_APPEND_INT64(options.get(), "limit", fetch_limit);
    BSON_APPEND_BOOL(options.get(), "singleBatch", true);
    std::vector<Product> found;
    found.reserve(static_cast<std::size_t>(fetch_limit));
    find_each(products.get(), filter.get(), options.get(), "product listing",
              [&](const bson_t *document) { found.push_back(product_from_bson(document)); });
    return found;
}

}  // namespace libstore::mongo
