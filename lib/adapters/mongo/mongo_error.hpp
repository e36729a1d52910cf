// Translation of mongo-c-driver errors into the core's Error codes.
#pragma once

#include <bson/bson.h>

#include <string>

namespace libstore::mongo {

constexpr int kDuplicateKeyCode = 11000;

// True when the server refused a write because a unique index already holds the value.
bool is_duplicate_key(const bson_error_t &error);

// Throws Error(unavailable) for network and server-selection failures, Error(internal) for the
// rest. `operation` says what was being done, for the message.
[[noreturn]] void throw_mongo_error(const bson_error_t &error, const std::string &operation);

}  // namespace libstore::mongo
