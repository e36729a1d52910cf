#include "adapters/mongo/mongo_product_repository.hpp"

#include <string>

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/product_bson.hpp"
#include "adapters/mongo/product_facets_pipeline.hpp"
#include "adapters/mongo/product_filter.hpp"
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

void append_id_filter(bson_t *filter, const std::string &id) {
    append_object_id(filter, "_id", id);
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
    append_product_filter(filter.get(), query);
    BsonDocument options;
    bson_t sort;
    int direction = query.sort.descending ? -1 : 1;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, product_sort_field(query.sort.key), direction);
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

ProductFacets MongoProductRepository::facets(const ProductQuery &query) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument pipeline;
    append_product_facets_pipeline(pipeline.get(), query);
    // $facet answers with exactly one document, in the first batch: one round trip.
    ProductFacets facets;
    aggregate_each(products.get(), pipeline.get(), "product facets",
                   [&](const bson_t *document) { facets = product_facets_from_bson(document); });
    return facets;
}

}  // namespace libstore::mongo
