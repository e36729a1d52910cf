#include "adapters/mongo/document_upgrades.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/product_pipeline.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

void fill_from_json(BsonDocument &document, const char *json) {
    bson_error_t error;
    bson_t *parsed = bson_new_from_json(reinterpret_cast<const uint8_t *>(json), -1, &error);
    if (parsed == nullptr) {
        throw Error(ErrorCode::internal, "", std::string("bad built-in upgrade: ") + error.message);
    }
    bson_concat(document.get(), parsed);
    bson_destroy(parsed);
}

std::int64_t update_many(const PooledClient &client, const char *collection_name,
                         const bson_t *filter, const bson_t *pipeline) {
    auto collection = client.collection(collection_name);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_many(collection.get(), filter, pipeline, nullptr, reply.get(),
                                       &error)) {
        throw_mongo_error(error, std::string("upgrade of ") + collection_name, reply.get());
    }
    return read_int64(reply.get(), "modifiedCount");
}

// Lines from before variants name their product's default variant, whose id is the product's.
constexpr const char *kOldLines =
    R"({"items": {"$elemMatch": {"variant_id": {"$exists": false}}}})";
constexpr const char *kCartLines = R"({"0": {"$set": {"items": {"$map": {"input": "$items",
    "in": {"$mergeObjects": [{"variant_id": "$$this.product_id"}, "$$this"]}}}}}})";
constexpr const char *kOrderLines = R"({"0": {"$set": {"items": {"$map": {"input": "$items",
    "in": {"$mergeObjects": [{"variant_id": "$$this.product_id", "sku": null, "options": []},
                             "$$this"]}}}}}})";

}  // namespace

Value upgrade_documents(const PooledClient &client) {
    BsonDocument old_products, old_lines, cart_pipeline, order_pipeline;
    fill_from_json(old_products, R"({"variants": {"$exists": false}})");
    fill_from_json(old_lines, kOldLines);
    fill_from_json(cart_pipeline, kCartLines);
    fill_from_json(order_pipeline, kOrderLines);
    BsonDocument product_pipeline;
    PipelineWriter stages(product_pipeline.get());
    append_upgrade_stage(stages);
    append_stock_totals_stage(stages);

    Value report = Value::object();
    report.set("products_upgraded", update_many(client, collections::kProducts, old_products.get(),
                                                product_pipeline.get()));
    report.set("carts_upgraded",
               update_many(client, collections::kCarts, old_lines.get(), cart_pipeline.get()));
    report.set("orders_upgraded",
               update_many(client, collections::kOrders, old_lines.get(), order_pipeline.get()));
    return report;
}

}  // namespace libstore::mongo
