#include "adapters/mongo/mongo_inventory_repository.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/product_bson.hpp"

namespace libstore::mongo {

namespace {

const char *mark_field(StockMark kind) {
    return kind == StockMark::taken ? "taken_by" : "returned_to";
}

// {"<field>.order": order}
void append_mark_match(bson_t *filter, StockMark kind, const std::string &order_id) {
    std::string path = std::string(mark_field(kind)) + ".order";
    append_object_id(filter, path.c_str(), order_id);
}

// {$inc: {stock: delta}, <operator>: {<field>: {order, quantity}}}
void append_stock_change(bson_t *update, std::int64_t delta, const char *array_operator,
                         StockMark kind, const std::string &order_id, std::int64_t quantity) {
    bson_t increment, change, mark;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$inc", &increment);
    BSON_APPEND_INT64(&increment, "stock", delta);
    bson_append_document_end(update, &increment);
    BSON_APPEND_DOCUMENT_BEGIN(update, array_operator, &change);
    BSON_APPEND_DOCUMENT_BEGIN(&change, mark_field(kind), &mark);
    append_object_id(&mark, "order", order_id);
    if (quantity > 0) {
        BSON_APPEND_INT64(&mark, "quantity", quantity);
    }
    bson_append_document_end(&change, &mark);
    bson_append_document_end(update, &change);
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
                                                      std::int64_t quantity,
                                                      const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    BSON_APPEND_BOOL(filter.get(), "in_stock", true);
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "stock", &range);
    BSON_APPEND_INT64(&range, "$gte", quantity);
    bson_append_document_end(filter.get(), &range);
    BsonDocument update;
    append_stock_change(update.get(), -quantity, "$push", StockMark::taken, order_id, quantity);
    auto after = find_one_and_update(collection.get(), filter.get(), update.get(), "stock take", "",
                                     ReturnDocument::after, options.get());
    if (!after) {
        return std::nullopt;
    }
    return product_from_bson(after->get());
}

bool MongoInventoryRepository::undo_take(UnitOfWork &work, const std::string &product_id,
                                         std::int64_t quantity, const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    append_mark_match(filter.get(), StockMark::taken, order_id);
    BsonDocument update;
    append_stock_change(update.get(), quantity, "$pull", StockMark::taken, order_id, 0);
    return update_matched_one(collection.get(), filter.get(), update.get(), options.get(),
                              "stock undo");
}

bool MongoInventoryRepository::give_back(UnitOfWork &work, const std::string &product_id,
                                         std::int64_t quantity, const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto collection = unit.collection(collections::kProducts);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", product_id);
    bson_t not_marked;
    std::string path = std::string(mark_field(StockMark::returned)) + ".order";
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), path.c_str(), &not_marked);
    append_object_id(&not_marked, "$ne", order_id);
    bson_append_document_end(filter.get(), &not_marked);
    BsonDocument update;
    append_stock_change(update.get(), quantity, "$push", StockMark::returned, order_id, quantity);
    return update_matched_one(collection.get(), filter.get(), update.get(), options.get(),
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
    append_mark_match(filter.get(), kind, order_id);
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
                      records.push_back(StockMarkRecord{read_oid_hex(mark, "order"), product_id,
                                                        read_int64(mark, "quantity")});
                  });
              });
    return records;
}

}  // namespace libstore::mongo
