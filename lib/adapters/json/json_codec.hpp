// JSON text <-> the core's Value, for the C ABI (jansson).
#pragma once

#include <cstddef>
#include <string>

#include "core/value.hpp"

namespace libstore::json {

inline constexpr std::size_t kMaxDocumentBytes = 1024 * 1024;

// Parses UTF-8 JSON. Throws Error(too_large) over kMaxDocumentBytes, Error(invalid_argument,
// `field`) for NULL, malformed JSON, duplicate keys, NUL characters or numbers out of range.
Value parse(const char *text, const char *field);

// Parses and requires an object (Error(invalid_argument) otherwise). NULL or "" gives {} when
// `optional` is true.
Value parse_object(const char *text, const char *field, bool optional = false);

// Compact JSON. Money and other reals print with 15 significant digits, so 59.97 stays 59.97.
std::string serialize(const Value &value);

// serialize() into malloc'd memory the caller releases with store_free(). Throws std::bad_alloc.
char *serialize_for_caller(const Value &value);

}  // namespace libstore::json
