#include "adapters/mongo/collection_operations.hpp"

#include "adapters/mongo/mongo_error.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

CursorPtr open_find(mongoc_collection_t *collection, const bson_t *filter, const bson_t *options) {
    return CursorPtr(mongoc_collection_find_with_opts(collection, filter, options, nullptr));
}

CursorPtr open_aggregate(mongoc_collection_t *collection, const bson_t *pipeline,
                         const bson_t *options) {
    return CursorPtr(
        mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, pipeline, options, nullptr));
}

void check_cursor(mongoc_cursor_t *cursor, const std::string &operation) {
    bson_error_t error;
    const bson_t *reply = nullptr;
    if (mongoc_cursor_error_document(cursor, &error, &reply)) {
        throw_mongo_error(error, operation, reply);
    }
}

std::optional<BsonCopy> find_one(mongoc_collection_t *collection, const bson_t *filter,
                                 const std::string &operation, const bson_t *extra_options) {
    BsonDocument options;
    BSON_APPEND_INT64(options.get(), "limit", 1);
    BSON_APPEND_BOOL(options.get(), "singleBatch", true);
    if (extra_options != nullptr) {
        bson_concat(options.get(), extra_options);
    }
    std::optional<BsonCopy> found;
    find_each(collection, filter, options.get(), operation,
              [&](const bson_t *document) { found.emplace(document); });
    return found;
}

namespace {

struct FindAndModifyOptionsDeleter {
    void operator()(mongoc_find_and_modify_opts_t *options) const {
        mongoc_find_and_modify_opts_destroy(options);
    }
};

// The `value` of a findAndModify reply: the document, or nullopt when nothing matched.
std::optional<BsonCopy> reply_value(const bson_t *reply) {
    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, reply, "value") || !BSON_ITER_HOLDS_DOCUMENT(&iter)) {
        return std::nullopt;
    }
    uint32_t length = 0;
    const uint8_t *data = nullptr;
    bson_iter_document(&iter, &length, &data);
    bson_t value;
    if (!bson_init_static(&value, data, length)) {
        throw Error(ErrorCode::internal, "", "malformed findAndModify reply");
    }
    return BsonCopy(&value);
}

}  // namespace

std::optional<BsonCopy> find_one_and_update(mongoc_collection_t *collection, const bson_t *filter,
                                            const bson_t *update, const std::string &operation,
                                            const char *duplicate_field, ReturnDocument returned,
                                            const bson_t *extra_options) {
    std::unique_ptr<mongoc_find_and_modify_opts_t, FindAndModifyOptionsDeleter> options(
        mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_update(options.get(), update);
    if (extra_options != nullptr &&
        !mongoc_find_and_modify_opts_append(options.get(), extra_options)) {
        throw Error(ErrorCode::internal, "", "cannot add options to findAndModify");
    }
    if (returned == ReturnDocument::after) {
        mongoc_find_and_modify_opts_set_flags(options.get(), MONGOC_FIND_AND_MODIFY_RETURN_NEW);
    }
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_find_and_modify_with_opts(collection, filter, options.get(), reply.get(),
                                                     &error)) {
        if (is_duplicate_key(error)) {
            throw_conflict(duplicate_field, std::string(duplicate_field) + " is already taken");
        }
        throw_mongo_error(error, operation, reply.get());
    }
    return reply_value(reply.get());
}

std::optional<BsonCopy> find_one_and_delete(mongoc_collection_t *collection, const bson_t *filter,
                                            const std::string &operation) {
    std::unique_ptr<mongoc_find_and_modify_opts_t, FindAndModifyOptionsDeleter> options(
        mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_flags(options.get(), MONGOC_FIND_AND_MODIFY_REMOVE);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_find_and_modify_with_opts(collection, filter, options.get(), reply.get(),
                                                     &error)) {
        throw_mongo_error(error, operation, reply.get());
    }
    return reply_value(reply.get());
}

}  // namespace libstore::mongo
