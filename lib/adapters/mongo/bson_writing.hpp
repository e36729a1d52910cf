// Appending the core's values to BSON documents as typed scalars: every value from a request goes
// into a query or document through one of these, never as a document of its own.
#pragma once

#include <bson/bson.h>

#include <optional>
#include <string>

#include "adapters/mongo/bson_fields.hpp"

namespace libstore::mongo {

inline void append_text(bson_t *document, const char *key, const std::string &text) {
    bson_append_utf8(document, key, -1, text.data(), static_cast<int>(text.size()));
}

// null when absent, so every stored document has every field.
inline void append_optional_text(bson_t *document, const char *key,
                                 const std::optional<std::string> &text) {
    if (text) {
        append_text(document, key, *text);
    } else {
        bson_append_null(document, key, -1);
    }
}

// A 24-hex id (validated by the core) as an ObjectId.
inline void append_object_id(bson_t *document, const char *key, const std::string &hex) {
    bson_oid_t oid = oid_from_hex(hex);
    bson_append_oid(document, key, -1, &oid);
}

inline void append_optional_object_id(bson_t *document, const char *key,
                                      const std::optional<std::string> &hex) {
    if (hex) {
        append_object_id(document, key, *hex);
    } else {
        bson_append_null(document, key, -1);
    }
}

}  // namespace libstore::mongo
