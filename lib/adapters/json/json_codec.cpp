#include "adapters/json/json_codec.hpp"

#include <jansson.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

#include "core/error.hpp"
#include "core/validation/text.hpp"

namespace libstore::json {

namespace {

struct JsonDeleter {
    void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;

Value to_value(const json_t *json) {
    switch (json_typeof(json)) {
        case JSON_NULL:
            return Value(nullptr);
        case JSON_TRUE:
            return Value(true);
        case JSON_FALSE:
            return Value(false);
        case JSON_INTEGER:
            return Value(static_cast<std::int64_t>(json_integer_value(json)));
        case JSON_REAL:
            return Value(json_real_value(json));
        case JSON_STRING:
            return Value(std::string(json_string_value(json), json_string_length(json)));
        case JSON_ARRAY: {
            Value array = Value::array();
            std::size_t index;
            json_t *item;
            json_array_foreach(json, index, item) {
                array.push_back(to_value(item));
            }
            return array;
        }
        case JSON_OBJECT: {
            Value object = Value::object();
            const char *key;
            json_t *member;
            // jansson keeps insertion order for iteration.
            json_object_foreach(const_cast<json_t *>(json), key, member) {
                object.as_object().emplace_back(key, to_value(member));
            }
            return object;
        }
    }
    return Value(nullptr);
}

JsonPtr to_json(const Value &value) {
    json_t *json = nullptr;
    switch (value.type()) {
        case Value::Type::null:
            json = json_null();
            break;
        case Value::Type::boolean:
            json = json_boolean(value.as_bool());
            break;
        case Value::Type::integer:
            json = json_integer(value.as_integer());
            break;
        case Value::Type::real:
            json = json_real(value.as_real());
            break;
        case Value::Type::string:
            json = json_stringn(value.as_string().data(), value.as_string().size());
            break;
        case Value::Type::array: {
            json = json_array();
            if (json == nullptr) {
                break;
            }
            for (const auto &item : value.as_array()) {
                if (json_array_append_new(json, to_json(item).release()) != 0) {
                    json_decref(json);
                    throw std::bad_alloc();
                }
            }
            break;
        }
        case Value::Type::object: {
            json = json_object();
            if (json == nullptr) {
                break;
            }
            for (const auto &[key, member] : value.as_object()) {
                if (json_object_setn_new(json, key.data(), key.size(), to_json(member).release()) !=
                    0) {
                    json_decref(json);
                    throw std::bad_alloc();
                }
            }
            break;
        }
    }
    if (json == nullptr) {
        throw std::bad_alloc();
    }
    return JsonPtr(json);
}

// jansson quotes the offending input in its messages ("invalid token near '\xd5'"), cut at a
// byte count: those bytes may be invalid UTF-8 or control characters. Error messages are clean
// UTF-8 by contract (store_error_t, HTTP bodies), so anything else becomes '?'.
std::string printable_message(const char *text) {
    std::string out;
    std::size_t length = std::strlen(text);
    std::size_t i = 0;
    while (i < length) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t sequence = byte < 0x80             ? 1
                               : (byte & 0xE0) == 0xC0 ? 2
                               : (byte & 0xF0) == 0xE0 ? 3
                               : (byte & 0xF8) == 0xF0 ? 4
                                                       : 0;
        if (sequence == 1) {
            out += byte < 0x20 || byte == 0x7F ? '?' : static_cast<char>(byte);
            ++i;
        } else if (sequence > 1 && i + sequence <= length &&
                   is_clean_utf8(std::string_view(text + i, sequence))) {
            out.append(text + i, sequence);
            i += sequence;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

}  // namespace

Value parse(const char *text, const char *field) {
    if (text == nullptr) {
        throw_invalid(field, std::string(field) + " must not be NULL");
    }
    std::size_t length = std::strlen(text);
    if (length > kMaxDocumentBytes) {
        throw Error(ErrorCode::too_large, field, "JSON document is larger than 1 MiB");
    }
    json_error_t error;
    JsonPtr json(json_loadb(text, length, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error));
    if (!json) {
        throw_invalid(field, "invalid JSON: " + printable_message(error.text) + " (line " +
                                 std::to_string(error.line) + ", column " +
                                 std::to_string(error.column) + ")");
    }
    return to_value(json.get());
}

Value parse_object(const char *text, const char *field, bool optional) {
    if (optional && (text == nullptr || text[0] == '\0')) {
        return Value::object();
    }
    Value value = parse(text, field);
    if (!value.is_object()) {
        throw_invalid(field, std::string(field) + " must be a JSON object");
    }
    return value;
}

std::string serialize(const Value &value) {
    char *text = serialize_for_caller(value);
    std::string result(text);
    std::free(text);
    return result;
}

char *serialize_for_caller(const Value &value) {
    JsonPtr json = to_json(value);
    char *text = json_dumps(json.get(), JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    if (text == nullptr) {
        throw std::bad_alloc();
    }
    return text;
}

}  // namespace libstore::json
