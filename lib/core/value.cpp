#include "core/value.hpp"

namespace libstore {

const Value *Value::find(std::string_view key) const {
    if (!is_object()) {
        return nullptr;
    }
    for (const auto &member : as_object()) {
        if (member.first == key) {
            return &member.second;
        }
    }
    return nullptr;
}

Value &Value::set(std::string key, Value value) {
    auto &members = as_object();
    for (auto &member : members) {
        if (member.first == key) {
            member.second = std::move(value);
            return *this;
        }
    }
    members.emplace_back(std::move(key), std::move(value));
    return *this;
}

const char *Value::type_name(Type type) {
    switch (type) {
        case Type::null:
            return "null";
        case Type::boolean:
            return "boolean";
        case Type::integer:
            return "integer";
        case Type::real:
            return "number";
        case Type::string:
            return "string";
        case Type::array:
            return "array";
        case Type::object:
            return "object";
    }
    return "unknown";
}

}  // namespace libstore
