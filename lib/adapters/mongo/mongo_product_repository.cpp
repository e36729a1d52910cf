#include "adapters/mongo/mongo_product_repository.hpp"

#include <algorithm>
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

void append_id_filter(bson_t *filter, const std::string &id) {
    append_object_id(filter, "_id", id);
}

}  // namespace

std::optional<Product> MongoProductRepository::find(const std::string &id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    auto found = find_one(products.get(), filter.get(), "product lookup");
    return found ? std::optional<Product>(product_from_bson(found->get())) : std::nullopt;
}

std::optional<Product> MongoProductRepository::take(const std::string &id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    auto removed = find_one_and_delete(products.get(), filter.get(), "product deletion");
    return removed ? std::optional<Product>(product_from_bson(removed->get())) : std::nullopt;
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
