#include "adapters/mongo/mongo_database.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/mongo_error.hpp"

namespace libstore::mongo {

void MongoDatabase::ping() {
    auto client = pool_->acquire_unprepared();
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

void MongoDatabase::ensure_schema() {
    pool_->acquire();
}

Value MongoDatabase::stats() {
    return pool_->stats().snapshot();
}

}  // namespace libstore::mongo
