// Translation of mongo-c-driver errors into the core's Error codes.
#pragma once

#include <bson/bson.h>

#include <string>

#include "core/error.hpp"

namespace libstore::mongo {

// A command inside a transaction failed in a way the whole transaction may be retried for
// (the server's TransientTransactionError label: a write conflict, a lost primary). The
// transaction runner catches it and runs the unit of work again.
class TransientTransactionError : public Error {
  public:
    explicit TransientTransactionError(const std::string &message)
        : Error(ErrorCode::unavailable, "", message) {}
};

constexpr int kDuplicateKeyCode = 11000;
constexpr int kMaxTimeMsExpiredCode = 50;

// True when the server refused a write because a unique index already holds the value.
bool is_duplicate_key(const bson_error_t &error);

// True when the database could not be reached (network, server selection, authentication).
bool is_unreachable(const bson_error_t &error);

// Throws Error(unavailable) for network and server-selection failures, Error(internal) for the
// rest. `operation` says what was being done, for the message.
[[noreturn]] void throw_mongo_error(const bson_error_t &error, const std::string &operation);
// The same, given the command's reply: a reply labelled TransientTransactionError throws
// TransientTransactionError.
[[noreturn]] void throw_mongo_error(const bson_error_t &error, const std::string &operation,
                                    const bson_t *reply);

}  // namespace libstore::mongo
