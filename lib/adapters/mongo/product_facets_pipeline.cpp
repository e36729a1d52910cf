#include "adapters/mongo/product_facets_pipeline.hpp"

#include <map>
#include <string>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/product_filter.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

// Only what the counts read travels into $facet, whose branches hold their input in memory.
// A document written before variants reads as one default variant with no options, in stock
// with the product's stock (shape14.md), so old and new documents go through the same branches.
constexpr const char *kProjectStage = R"({"$project": {
    "category_id": 1, "attributes": 1, "price_cents": 1,
    "variants": {"$ifNull": ["$variants",
        [{"options": [], "in_stock": true, "stock": "$stock"}]]}}})";

// Every count is a number of products: option values are counted once per product however many
// of its purchasable variants carry them (the first $group), and attribute keys are unique per
// product. Products without a category are left out of the category counts.
constexpr const char *kFacetStage = R"({"$facet": {
    "total": [{"$count": "n"}],
    "price": [{"$group": {"_id": null,
        "min": {"$min": "$price_cents"}, "max": {"$max": "$price_cents"}}}],
    "categories": [
        {"$match": {"category_id": {"$ne": null}}},
        {"$group": {"_id": "$category_id", "count": {"$sum": 1}}},
        {"$lookup": {"from": "categories", "localField": "_id", "foreignField": "_id",
                     "as": "category"}},
        {"$project": {"count": 1, "category.name": 1}}],
    "attributes": [
        {"$unwind": "$attributes"},
        {"$group": {"_id": {"k": "$attributes.k", "v": "$attributes.v"},
                    "count": {"$sum": 1}}}],
    "options": [
        {"$unwind": "$variants"},
        {"$match": {"variants.in_stock": true, "variants.stock": {"$gt": 0}}},
        {"$unwind": "$variants.options"},
        {"$group": {"_id": {"product": "$_id", "k": "$variants.options.k",
                            "v": "$variants.options.v"}}},
        {"$group": {"_id": {"k": "$_id.k", "v": "$_id.v"}, "count": {"$sum": 1}}}]}})";

void append_stage(bson_t *pipeline, int &index, const bson_t *stage) {
    std::string key = std::to_string(index++);
    bson_append_document(pipeline, key.c_str(), static_cast<int>(key.size()), stage);
}

void append_json_stage(bson_t *pipeline, int &index, const char *json) {
    bson_error_t error;
    bson_t *stage = bson_new_from_json(reinterpret_cast<const std::uint8_t *>(json), -1, &error);
    if (stage == nullptr) {
        throw Error(ErrorCode::internal, "", std::string("facets pipeline: ") + error.message);
    }
    append_stage(pipeline, index, stage);
    bson_destroy(stage);
}

// Rows {_id: {k, v}, count} grouped by k, in the order met.
ValueCounts read_value_counts(const bson_t *document, const char *key) {
    ValueCounts counts;
    std::map<std::string, std::size_t> position;
    for_each_document_in(document, key, [&](const bson_t *row) {
        bson_t pair;
        if (!read_subdocument(row, "_id", &pair)) {
            return;
        }
        auto name = read_string(&pair, "k");
        auto value = read_string(&pair, "v");
        if (!name || !value) {
            return;
        }
        auto [at, added] = position.emplace(*name, counts.size());
        if (added) {
            counts.emplace_back(*name, std::vector<ValueCount>{});
        }
        counts[at->second].second.push_back({*value, read_int64(row, "count")});
    });
    return counts;
}

}  // namespace

void append_product_facets_pipeline(bson_t *pipeline, const ProductQuery &query) {
    int index = 0;
    BsonDocument match;
    bson_t filter;
    BSON_APPEND_DOCUMENT_BEGIN(match.get(), "$match", &filter);
    append_product_filter(&filter, query);
    bson_append_document_end(match.get(), &filter);
    append_stage(pipeline, index, match.get());
    append_json_stage(pipeline, index, kProjectStage);
    append_json_stage(pipeline, index, kFacetStage);
}

ProductFacets product_facets_from_bson(const bson_t *document) {
    ProductFacets facets;
    for_each_document_in(document, "total",
                         [&](const bson_t *row) { facets.total = read_int64(row, "n"); });
    for_each_document_in(document, "price", [&](const bson_t *row) {
        facets.min_price_cents = read_int64(row, "min");
        facets.max_price_cents = read_int64(row, "max");
    });
    for_each_document_in(document, "categories", [&](const bson_t *row) {
        CategoryFacet category;
        category.id = read_oid_hex(row, "_id");
        category.count = read_int64(row, "count");
        for_each_document_in(row, "category", [&](const bson_t *found) {
            category.name = read_string(found, "name");
        });
        facets.categories.push_back(std::move(category));
    });
    facets.attributes = read_value_counts(document, "attributes");
    facets.options = read_value_counts(document, "options");
    return facets;
}

}  // namespace libstore::mongo
