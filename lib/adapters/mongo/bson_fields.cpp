#include "adapters/mongo/bson_fields.hpp"

#include "core/error.hpp"
#include "core/object_id.hpp"

namespace libstore::mongo {

namespace {

bool find(const bson_t *document, const char *key, bson_iter_t *iter) {
    return bson_iter_init_find(iter, document, key);
}

}  // namespace

std::optional<std::string> read_string(const bson_t *document, const char *key) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_UTF8(&iter)) {
        return std::nullopt;
    }
    uint32_t length = 0;
    const char *text = bson_iter_utf8(&iter, &length);
    return std::string(text, length);
}

std::string read_string_or(const bson_t *document, const char *key, const std::string &fallback) {
    return read_string(document, key).value_or(fallback);
}

std::int64_t read_int64(const bson_t *document, const char *key, std::int64_t fallback) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_NUMBER(&iter)) {
        return fallback;
    }
    return bson_iter_as_int64(&iter);
}

bool read_bool(const bson_t *document, const char *key, bool fallback) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_BOOL(&iter)) {
        return fallback;
    }
    return bson_iter_bool(&iter);
}

std::int64_t read_date_ms(const bson_t *document, const char *key) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_DATE_TIME(&iter)) {
        return 0;
    }
    return bson_iter_date_time(&iter);
}

std::string read_oid_hex(const bson_t *document, const char *key) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_OID(&iter)) {
        return "";
    }
    return oid_to_hex(*bson_iter_oid(&iter));
}

bool read_subdocument(const bson_t *document, const char *key, bson_t *out) {
    bson_iter_t iter;
    if (!find(document, key, &iter) || !BSON_ITER_HOLDS_DOCUMENT(&iter)) {
        return false;
    }
    uint32_t length = 0;
    const uint8_t *data = nullptr;
    bson_iter_document(&iter, &length, &data);
    return bson_init_static(out, data, length);
}

bson_oid_t oid_from_hex(const std::string &hex) {
    if (!is_object_id(hex)) {
        throw Error(ErrorCode::internal, "", "malformed id reached the database layer");
    }
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, hex.c_str());
    return oid;
}

std::string oid_to_hex(const bson_oid_t &oid) {
    char text[25];
    bson_oid_to_string(&oid, text);
    return text;
}

std::vector<std::string> read_string_list(const bson_t *document, const char *key) {
    std::vector<std::string> strings;
    bson_iter_t iter;
    bson_iter_t items;
    if (!bson_iter_init_find(&iter, document, key) || !BSON_ITER_HOLDS_ARRAY(&iter) ||
        !bson_iter_recurse(&iter, &items)) {
        return strings;
    }
    while (bson_iter_next(&items)) {
        if (BSON_ITER_HOLDS_UTF8(&items)) {
            uint32_t length = 0;
            const char *text = bson_iter_utf8(&items, &length);
            strings.emplace_back(text, length);
        }
    }
    return strings;
}

}  // namespace libstore::mongo
