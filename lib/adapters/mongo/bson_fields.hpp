// Reading typed fields out of BSON documents, and ids in and out of ObjectIds. Readers are
// lenient about integer width (int32 or int64) because servers and tools may narrow them.
#pragma once

#include <bson/bson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace libstore::mongo {

std::optional<std::string> read_string(const bson_t *document, const char *key);
std::string read_string_or(const bson_t *document, const char *key, const std::string &fallback);
std::int64_t read_int64(const bson_t *document, const char *key, std::int64_t fallback = 0);
bool read_bool(const bson_t *document, const char *key, bool fallback = false);
// BSON date as milliseconds since the epoch.
std::int64_t read_date_ms(const bson_t *document, const char *key);
// An ObjectId field as 24 lower-case hex characters ("" when absent or not an ObjectId).
std::string read_oid_hex(const bson_t *document, const char *key);

// The strings of the array at `key` (other elements skipped); empty when absent.
std::vector<std::string> read_string_list(const bson_t *document, const char *key);

// A view of the sub-document at `key`, valid while `document` lives. False when absent.
bool read_subdocument(const bson_t *document, const char *key, bson_t *out);

// Calls visit(const bson_t *) for each document in the array at `key` (views valid during the
// call); other elements are skipped.
template <typename Visit>
void for_each_document_in(const bson_t *document, const char *key, Visit &&visit) {
    bson_iter_t iter;
    bson_iter_t element;
    if (!bson_iter_init_find(&iter, document, key) || !BSON_ITER_HOLDS_ARRAY(&iter) ||
        !bson_iter_recurse(&iter, &element)) {
        return;
    }
    while (bson_iter_next(&element)) {
        if (!BSON_ITER_HOLDS_DOCUMENT(&element)) {
            continue;
        }
        uint32_t length = 0;
        const uint8_t *data = nullptr;
        bson_iter_document(&element, &length, &data);
        bson_t item;
        if (bson_init_static(&item, data, length)) {
            visit(&item);
        }
    }
}

// 24-hex text -> ObjectId. The core validates ids first; a malformed one here is a bug.
bson_oid_t oid_from_hex(const std::string &hex);
std::string oid_to_hex(const bson_oid_t &oid);

}  // namespace libstore::mongo
