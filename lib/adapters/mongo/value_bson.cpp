#include "adapters/mongo/value_bson.hpp"

#include <string>

namespace libstore::mongo {

namespace {

void append_keyed(bson_t *document, const std::string &key, const Value &value) {
    const char *name = key.c_str();
    int length = static_cast<int>(key.size());
    switch (value.type()) {
        case Value::Type::null:
            bson_append_null(document, name, length);
            return;
        case Value::Type::boolean:
            bson_append_bool(document, name, length, value.as_bool());
            return;
        case Value::Type::integer:
            bson_append_int64(document, name, length, value.as_integer());
            return;
        case Value::Type::real:
            bson_append_double(document, name, length, value.as_real());
            return;
        case Value::Type::string: {
            const std::string &text = value.as_string();
            bson_append_utf8(document, name, length, text.data(), static_cast<int>(text.size()));
            return;
        }
        case Value::Type::array: {
            bson_t child;
            bson_append_array_begin(document, name, length, &child);
            std::size_t index = 0;
            for (const auto &item : value.as_array()) {
                append_keyed(&child, std::to_string(index++), item);
            }
            bson_append_array_end(document, &child);
            return;
        }
        case Value::Type::object: {
            bson_t child;
            bson_append_document_begin(document, name, length, &child);
            for (const auto &[member_key, member] : value.as_object()) {
                append_keyed(&child, member_key, member);
            }
            bson_append_document_end(document, &child);
            return;
        }
    }
}

}  // namespace

void append_value(bson_t *document, const char *key, const Value &value) {
    append_keyed(document, key, value);
}

Value value_from_iter(const bson_iter_t *iter) {
    switch (bson_iter_type(iter)) {
        case BSON_TYPE_BOOL:
            return Value(bson_iter_bool(iter));
        case BSON_TYPE_INT32:
        case BSON_TYPE_INT64:
            return Value(static_cast<std::int64_t>(bson_iter_as_int64(iter)));
        case BSON_TYPE_DOUBLE:
            return Value(bson_iter_double(iter));
        case BSON_TYPE_UTF8: {
            std::uint32_t length = 0;
            const char *text = bson_iter_utf8(iter, &length);
            return Value(std::string(text, length));
        }
        case BSON_TYPE_ARRAY:
        case BSON_TYPE_DOCUMENT: {
            bool is_array = bson_iter_type(iter) == BSON_TYPE_ARRAY;
            bson_iter_t child;
            if (!bson_iter_recurse(iter, &child)) {
                return Value();
            }
            Value result = is_array ? Value::array() : Value::object();
            while (bson_iter_next(&child)) {
                if (is_array) {
                    result.push_back(value_from_iter(&child));
                } else {
                    result.as_object().emplace_back(
                        std::string(bson_iter_key(&child), bson_iter_key_len(&child)),
                        value_from_iter(&child));
                }
            }
            return result;
        }
        default:
            return Value();
    }
}

}  // namespace libstore::mongo
