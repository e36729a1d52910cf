#include "adapters/mongo/mongo_database.hpp"

#include <map>
#include <string>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/schema.hpp"

namespace libstore::mongo {

void MongoDatabase::ping() {
    auto client = pool_->acquire();
    BsonDocument command;
    BSON_APPEND_INT32(command.get(), "ping", 1);
    bson_error_t error;
    BsonDocument reply;
    bool ok = mongoc_client_command_simple(client.get(), pool_->database().c_str(), command.get(),
                                           nullptr, reply.get(), &error);
    if (!ok) {
        throw_mongo_error(error, "ping");
    }
}

namespace {

void append_index(bson_t *array, const char *key, const IndexSpec &spec) {
    bson_t index;
    bson_t keys;
    BSON_APPEND_DOCUMENT_BEGIN(array, key, &index);
    BSON_APPEND_DOCUMENT_BEGIN(&index, "key", &keys);
    for (const auto &field : spec.keys) {
        BSON_APPEND_INT32(&keys, field.name, field.direction);
    }
    bson_append_document_end(&index, &keys);
    BSON_APPEND_UTF8(&index, "name", spec.name);
    if (spec.unique) {
        BSON_APPEND_BOOL(&index, "unique", true);
    }
    if (spec.expire_after_seconds >= 0) {
        BSON_APPEND_INT32(&index, "expireAfterSeconds", spec.expire_after_seconds);
    }
    bson_append_document_end(array, &index);
}

}  // namespace

void MongoDatabase::ensure_schema() {
    // One createIndexes command per collection; the server treats existing identical indexes
    // as a no-op, so this is safe on every open.
    std::map<std::string, std::vector<const IndexSpec *>> by_collection;
    for (const auto &spec : schema_indexes()) {
        by_collection[spec.collection].push_back(&spec);
    }
    auto client = pool_->acquire();
    for (const auto &[collection, specs] : by_collection) {
        BsonDocument command;
        BSON_APPEND_UTF8(command.get(), "createIndexes", collection.c_str());
        bson_t indexes;
        BSON_APPEND_ARRAY_BEGIN(command.get(), "indexes", &indexes);
        for (std::size_t i = 0; i < specs.size(); ++i) {
            append_index(&indexes, std::to_string(i).c_str(), *specs[i]);
        }
        bson_append_array_end(command.get(), &indexes);
        bson_error_t error;
        BsonDocument reply;
        bool ok = mongoc_client_write_command_with_opts(
            client.get(), pool_->database().c_str(), command.get(), nullptr, reply.get(), &error);
        if (!ok) {
            throw_mongo_error(error, "index creation on " + collection);
        }
    }
}

}  // namespace libstore::mongo
