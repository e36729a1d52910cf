#include "adapters/mongo/mongo_inventory_repository.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/product_bson.hpp"
#include "adapters/mongo/product_pipeline.hpp"

namespace libstore::mongo {

namespace {

const char *mark_field(StockMark kind) {
    return kind == StockMark::taken ? "taken_by" : "returned_to";
}

// {order, variant} of a mark; a mark left before variants existed has no variant and stands
// for the product's default one, whose id is the product's.
void append_mark_fields(bson_t *mark, const std::string &order_id, const std::string &product_id,
                        const std::string &variant_id) {
    append_object_id(mark, "order", order_id);
    if (variant_id == product_id) {
        bson_t in, values;
        BSON_APPEND_DOCUMENT_BEGIN(mark, "variant", &in);
        BSON_APPEND_ARRAY_BEGIN(&in, "$in", &values);
        append_object_id(&values, "0", variant_id);
        BSON_APPEND_NULL(&values, "1");
        bson_append_array_end(&in, &values);
        bson_append_document_end(mark, &in);
    } else {
        append_object_id(mark, "variant", variant_id);
    }
}

// {"<field>": {$elemMatch: <the mark>}}
void append_mark_match(bson_t *document, const char *key, const std::string &order_id,
                       const std::string &product_id, const std::string &variant_id) {
    bson_t match, mark;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &match);
    BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &mark);
    append_mark_fields(&mark, order_id, product_id, variant_id);
    bson_append_document_end(&match, &mark);
    bson_append_document_end(document, &match);
}

// {"<field>": {$not: {$elemMatch: <the mark>}}}
void append_no_mark(bson_t *document, const char *key, const std::string &order_id,
                    const std::string &product_id, const std::string &variant_id) {
    bson_t absent, match, mark;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &absent);
    BSON_APPEND_DOCUMENT_BEGIN(&absent, "$not", &match);
    BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &mark);
    append_mark_fields(&mark, order_id, product_id, variant_id);
    bson_append_document_end(&match, &mark);
    bson_append_document_end(&absent, &match);
    bson_append_document_end(document, &absent);
}

// {"$$this.<field> is <value>"} pieces of the pipeline below.
void append_this_equals_id(bson_t *document, const char *key, const char *path,
                           const std::string &id) {
    bson_t eq, operands;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &eq);
    BSON_APPEND_ARRAY_BEGIN(&eq, "$eq", &operands);
    BSON_APPEND_UTF8(&operands, "0", path);
    append_object_id(&operands, "1", id);
    bson_append_array_end(&eq, &operands);
    bson_append_document_end(document, &eq);
}

// variants: the variant's stock moved by `delta`, the others as they are.
void append_variant_stock_change(bson_t *set, const std::string &variant_id, std::int64_t delta) {
    bson_t map, spec, in, cond, merge, operands, fields, sum, terms;
    BSON_APPEND_DOCUMENT_BEGIN(set, "variants", &map);
    BSON_APPEND_DOCUMENT_BEGIN(&map, "$map", &spec);
    BSON_APPEND_UTF8(&spec, "input", "$variants");
    BSON_APPEND_DOCUMENT_BEGIN(&spec, "in", &in);
    BSON_APPEND_ARRAY_BEGIN(&in, "$cond", &cond);
    append_this_equals_id(&cond, "0", "$$this._id", variant_id);
    BSON_APPEND_DOCUMENT_BEGIN(&cond, "1", &merge);
    BSON_APPEND_ARRAY_BEGIN(&merge, "$mergeObjects", &operands);
    BSON_APPEND_UTF8(&operands, "0", "$$this");
    BSON_APPEND_DOCUMENT_BEGIN(&operands, "1", &fields);
    BSON_APPEND_DOCUMENT_BEGIN(&fields, "stock", &sum);
    BSON_APPEND_ARRAY_BEGIN(&sum, "$add", &terms);
    BSON_APPEND_UTF8(&terms, "0", "$$this.stock");
    BSON_APPEND_INT64(&terms, "1", delta);
    bson_append_array_end(&sum, &terms);
    bson_append_document_end(&fields, &sum);
    bson_append_document_end(&operands, &fields);
    bson_append_array_end(&merge, &operands);
    bson_append_document_end(&cond, &merge);
    BSON_APPEND_UTF8(&cond, "2", "$$this");
    bson_append_array_end(&in, &cond);
    bson_append_document_end(&spec, &in);
    bson_append_document_end(&map, &spec);
    bson_append_document_end(set, &map);
}

// <field>: (<field> or []) + [{order, variant, quantity}]
void append_mark_push(bson_t *set, StockMark kind, const std::string &order_id,
                      const std::string &variant_id, std::int64_t quantity) {
    std::string path = std::string("$") + mark_field(kind);
    bson_t concat, operands, present, pair, empty, added, mark;
    BSON_APPEND_DOCUMENT_BEGIN(set, mark_field(kind), &concat);
    BSON_APPEND_ARRAY_BEGIN(&concat, "$concatArrays", &operands);
    BSON_APPEND_DOCUMENT_BEGIN(&operands, "0", &present);
    BSON_APPEND_ARRAY_BEGIN(&present, "$ifNull", &pair);
    append_text(&pair, "0", path);
    BSON_APPEND_ARRAY_BEGIN(&pair, "1", &empty);
    bson_append_array_end(&pair, &empty);
    bson_append_array_end(&present, &pair);
    bson_append_document_end(&operands, &present);
    BSON_APPEND_ARRAY_BEGIN(&operands, "1", &added);
    BSON_APPEND_DOCUMENT_BEGIN(&added, "0", &mark);
    append_object_id(&mark, "order", order_id);
    append_object_id(&mark, "variant", variant_id);
    BSON_APPEND_INT64(&mark, "quantity", quantity);
    bson_append_document_end(&added, &mark);
    bson_append_array_end(&operands, &added);
    bson_append_array_end(&concat, &operands);
    bson_append_document_end(set, &concat);
}

// taken_by without the order's mark for the variant (or, for the default variant, its mark
// from before variants existed).
void append_taken_mark_pull(bson_t *set, const std::string &order_id, const std::string &product_id,
                            const std::string &variant_id) {
    bson_t filter, spec, cond, either, operands, present, pair, empty;
    BSON_APPEND_DOCUMENT_BEGIN(set, "taken_by", &filter);
    BSON_APPEND_DOCUMENT_BEGIN(&filter, "$filter", &spec);
    BSON_APPEND_DOCUMENT_BEGIN(&spec, "input", &present);
    BSON_APPEND_ARRAY_BEGIN(&present, "$ifNull", &pair);
    BSON_APPEND_UTF8(&pair, "0", "$taken_by");
    BSON_APPEND_ARRAY_BEGIN(&pair, "1", &empty);
    bson_append_array_end(&pair, &empty);
    bson_append_array_end(&present, &pair);
    bson_append_document_end(&spec, &present);
    // keep unless order == order_id and (variant or product_id) == variant_id
    BSON_APPEND_DOCUMENT_BEGIN(&spec, "cond", &cond);
    BSON_APPEND_ARRAY_BEGIN(&cond, "$or", &either);
    bson_t ne, ne_operands;
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &ne);
    BSON_APPEND_ARRAY_BEGIN(&ne, "$ne", &ne_operands);
    BSON_APPEND_UTF8(&ne_operands, "0", "$$this.order");
    append_object_id(&ne_operands, "1", order_id);
    bson_append_array_end(&ne, &ne_operands);
    bson_append_document_end(&either, &ne);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &ne);
    BSON_APPEND_ARRAY_BEGIN(&ne, "$ne", &ne_operands);
    bson_t fallback;
    BSON_APPEND_DOCUMENT_BEGIN(&ne_operands, "0", &fallback);
    BSON_APPEND_ARRAY_BEGIN(&fallback, "$ifNull", &operands);
    BSON_APPEND_UTF8(&operands, "0", "$$this.variant");
    append_object_id(&operands, "1", product_id);
    bson_append_array_end(&fallback, &operands);
    bson_append_document_end(&ne_operands, &fallback);
    append_object_id(&ne_operands, "1", variant_id);
    bson_append_array_end(&ne, &ne_operands);
    bson_append_document_end(&either, &ne);
    bson_append_array_end(&cond, &either);
    bson_append_document_end(&spec, &cond);
    bson_append_document_end(&filter, &spec);
    bson_append_document_end(set, &filter);
}

bool update_matched_one(mongoc_collection_t *collection, const bson_t *filter, const bson_t *update,
                        const bson_t *options, const std::string &operation) {
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(collection, filter, update, options, reply.get(), &error)) {
        throw_mongo_error(error, operation, reply.get());
    }
    return read_int64(reply.get(), "modifiedCount") == 1;
}

void append_id_list(bson_t *filter, const std::vector<std::string> &ids) {
    bson_t condition, list;
    BSON_APPEND_DOCUMENT_BEGIN(filter, "_id", &condition);
    BSON_APPEND_ARRAY_BEGIN(&condition, "$in", &list);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        append_object_id(&list, std::to_string(i).c_str(), ids[i]);
    }
    bson_append_array_end(&condition, &list);
    bson_append_document_end(filter, &condition);
}

}  // namespace

std::vector<Product> MongoInventoryRepository::find_many(const std::vector<std::string> &ids) {
    std::vector<Product> products;
    if (ids.empty()) {
        return products;
    }
    auto client = pool_->acquire();
    auto collection = client.collection(collections::kProducts);
    BsonDocument filter;
    append_id_list(filter.get(), ids);
    find_each(collection.get(), filter.get(), nullptr, "product lookup",
              [&](const bson_t *document) { products.push_back(product_from_bson(document)); });
    return products;
}

std::optional<Product> MongoInventoryRepository::take(UnitOfWork &work,
                                                      const std::string &product_id,
                                                      const std::string &variant_id,
                                                      std::int64_t quantity,
                                                      const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    BSON_APPEND_BOOL(filter.get(), "in_stock", true);
    // The variant, purchasable with that much stock; a document from before variants has its
    // stock at the top and its one variant's id is the product's.
    bson_t either, branch, match, variant, range;
    BSON_APPEND_ARRAY_BEGIN(filter.get(), "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, "variants", &match);
    BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &variant);
    append_object_id(&variant, "_id", variant_id);
    BSON_APPEND_BOOL(&variant, "in_stock", true);
    BSON_APPEND_DOCUMENT_BEGIN(&variant, "stock", &range);
    BSON_APPEND_INT64(&range, "$gte", quantity);
    bson_append_document_end(&variant, &range);
    bson_append_document_end(&match, &variant);
    bson_append_document_end(&branch, &match);
    bson_append_document_end(&either, &branch);
    if (variant_id == product_id) {
        bson_t absent;
        BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
        BSON_APPEND_DOCUMENT_BEGIN(&branch, "variants", &absent);
        BSON_APPEND_BOOL(&absent, "$exists", false);
        bson_append_document_end(&branch, &absent);
        BSON_APPEND_DOCUMENT_BEGIN(&branch, "stock", &range);
        BSON_APPEND_INT64(&range, "$gte", quantity);
        bson_append_document_end(&branch, &range);
        bson_append_document_end(&either, &branch);
    }
    bson_append_array_end(filter.get(), &either);
    BsonDocument pipeline;
    PipelineWriter stages(pipeline.get());
    append_upgrade_stage(stages);
    bson_t *set = stages.begin_set();
    append_variant_stock_change(set, variant_id, -quantity);
    append_mark_push(set, StockMark::taken, order_id, variant_id, quantity);
    stages.end_set();
    append_stock_totals_stage(stages);
    auto after = find_one_and_update(collection.get(), filter.get(), pipeline.get(), "stock take",
                                     "", ReturnDocument::after, options.get());
    if (!after) {
        return std::nullopt;
    }
    return product_from_bson(after->get());
}

bool MongoInventoryRepository::undo_take(UnitOfWork &work, const std::string &product_id,
                                         const std::string &variant_id, std::int64_t quantity,
                                         const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    append_mark_match(filter.get(), "taken_by", order_id, product_id, variant_id);
    BsonDocument pipeline;
    PipelineWriter stages(pipeline.get());
    append_upgrade_stage(stages);
    bson_t *set = stages.begin_set();
    append_variant_stock_change(set, variant_id, quantity);
    append_taken_mark_pull(set, order_id, product_id, variant_id);
    stages.end_set();
    append_stock_totals_stage(stages);
    return update_matched_one(collection.get(), filter.get(), pipeline.get(), options.get(),
                              "stock undo");
}

bool MongoInventoryRepository::give_back(UnitOfWork &work, const std::string &product_id,
                                         const std::string &variant_id, std::int64_t quantity,
                                         const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    // Given back once: not while a mark of this order's line is there (one from before
    // variants included).
    append_no_mark(filter.get(), "returned_to", order_id, product_id, variant_id);
    BsonDocument pipeline;
    PipelineWriter stages(pipeline.get());
    append_upgrade_stage(stages);
    bson_t *set = stages.begin_set();
    append_variant_stock_change(set, variant_id, quantity);
    append_mark_push(set, StockMark::returned, order_id, variant_id, quantity);
    stages.end_set();
    append_stock_totals_stage(stages);
    return update_matched_one(collection.get(), filter.get(), pipeline.get(), options.get(),
                              "stock return");
}

void MongoInventoryRepository::clear_marks(UnitOfWork &work, const std::string &order_id,
                                           const std::vector<std::string> &product_ids,
                                           StockMark kind) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    if (!product_ids.empty()) {
        append_id_list(filter.get(), product_ids);
    }
    std::string path = std::string(mark_field(kind)) + ".order";
    append_object_id(filter.get(), path.c_str(), order_id);
    BsonDocument update;
    bson_t pull, mark;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$pull", &pull);
    BSON_APPEND_DOCUMENT_BEGIN(&pull, mark_field(kind), &mark);
    append_object_id(&mark, "order", order_id);
    bson_append_document_end(&pull, &mark);
    bson_append_document_end(update.get(), &pull);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_update_many(collection.get(), filter.get(), update.get(), options.get(),
                                       reply.get(), &error)) {
        throw_mongo_error(error, "stock mark clean-up", reply.get());
    }
}

std::vector<StockMarkRecord> MongoInventoryRepository::marks(StockMark kind) {
    auto client = pool_->acquire();
    auto collection = client.collection(collections::kProducts);
    std::string path = std::string(mark_field(kind)) + ".order";
    BsonDocument filter;
    bson_t exists;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), path.c_str(), &exists);
    BSON_APPEND_BOOL(&exists, "$exists", true);
    bson_append_document_end(filter.get(), &exists);
    BsonDocument options;
    bson_t projection;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "projection", &projection);
    BSON_APPEND_INT32(&projection, mark_field(kind), 1);
    bson_append_document_end(options.get(), &projection);
    std::vector<StockMarkRecord> records;
    find_each(collection.get(), filter.get(), options.get(), "stock mark scan",
              [&](const bson_t *document) {
                  std::string product_id = read_oid_hex(document, "_id");
                  for_each_document_in(document, mark_field(kind), [&](const bson_t *mark) {
                      std::string variant_id = read_oid_hex(mark, "variant");
                      if (variant_id.empty()) {
                          variant_id = product_id;
                      }
                      records.push_back(StockMarkRecord{read_oid_hex(mark, "order"), product_id,
                                                        std::move(variant_id),
                                                        read_int64(mark, "quantity")});
                  });
              });
    return records;
}

}  // namespace libstore::mongo
