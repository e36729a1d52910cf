#include "core/audit/change_summary.hpp"

#include <cstdio>

namespace libstore {

namespace {

constexpr std::size_t kMaxValueChars = 60;
constexpr std::size_t kMaxSummaryChars = 600;

// Cuts at a UTF-8 boundary so that the summary stays valid text.
std::string shortened(const std::string &text, std::size_t limit) {
    if (text.size() <= limit) {
        return text;
    }
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return text.substr(0, cut) + "...";
}

std::string describe_value(const Value &value) {
    switch (value.type()) {
        case Value::Type::null:
            return "null";
        case Value::Type::boolean:
            return value.as_bool() ? "true" : "false";
        case Value::Type::integer:
            return std::to_string(value.as_integer());
        case Value::Type::real: {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.15g", value.as_real());
            return buffer;
        }
        case Value::Type::string:
            return "'" + shortened(value.as_string(), kMaxValueChars) + "'";
        case Value::Type::array: {
            std::string text = "[";
            for (const auto &item : value.as_array()) {
                text += (text.size() > 1 ? ", " : "") + describe_value(item);
            }
            return shortened(text, kMaxValueChars) + "]";
        }
        case Value::Type::object: {
            std::string text = "{";
            for (const auto &member : value.as_object()) {
                text += (text.size() > 1 ? ", " : "") + member.first + "=" +
                        describe_value(member.second);
            }
            return shortened(text, kMaxValueChars) + "}";
        }
    }
    return "";
}

}  // namespace

std::string describe_fields(const std::string &verb, const Value &body) {
    std::string text = verb;
    if (body.is_object() && !body.as_object().empty()) {
        text += ":";
        bool first = true;
        for (const auto &member : body.as_object()) {
            text += (first ? " " : ", ") + member.first + "=" + describe_value(member.second);
            first = false;
        }
    }
    return shortened(text, kMaxSummaryChars);
}

}  // namespace libstore
