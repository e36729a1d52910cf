#include "adapters/mongo/mongo_error.hpp"

#include <mongoc/mongoc.h>

#include "core/error.hpp"

namespace libstore::mongo {

bool is_duplicate_key(const bson_error_t &error) {
    return error.code == kDuplicateKeyCode &&
           (error.domain == MONGOC_ERROR_SERVER || error.domain == MONGOC_ERROR_WRITE_CONCERN ||
            error.domain == MONGOC_ERROR_COLLECTION || error.domain == MONGOC_ERROR_QUERY ||
            error.domain == MONGOC_ERROR_COMMAND);
}

bool is_unreachable(const bson_error_t &error) {
    switch (error.domain) {
        case MONGOC_ERROR_SERVER_SELECTION:
        case MONGOC_ERROR_STREAM:
        case MONGOC_ERROR_PROTOCOL:
            return true;
        case MONGOC_ERROR_CLIENT:
            // Authentication against the server failed or the client could not be set up:
            // from the store's point of view the database is not usable.
            return error.code == MONGOC_ERROR_CLIENT_AUTHENTICATE ||
                   error.code == MONGOC_ERROR_CLIENT_TOO_SMALL;
        default:
            return false;
    }
}

void throw_mongo_error(const bson_error_t &error, const std::string &operation,
                       const bson_t *reply) {
    // The driver labels an unreachable server transient too; but a caller waits one
    // server-selection timeout for an unreachable database, not the two minutes a transaction
    // may be retried for, so that is `unavailable` at once.
    if (reply != nullptr && !is_unreachable(error) &&
        mongoc_error_has_label(reply, "TransientTransactionError")) {
        throw TransientTransactionError("transient failure during " + operation + ": " +
                                        error.message);
    }
    throw_mongo_error(error, operation);
}

void throw_mongo_error(const bson_error_t &error, const std::string &operation) {
    if (is_unreachable(error)) {
        throw Error(ErrorCode::unavailable, "",
                    "database unreachable during " + operation + ": " + error.message);
    }
    throw Error(ErrorCode::internal, "",
                "database error during " + operation + ": " + error.message);
}

}  // namespace libstore::mongo
