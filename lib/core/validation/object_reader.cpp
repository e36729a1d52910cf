#include "core/validation/object_reader.hpp"

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"
#include "core/page_cursor.hpp"
#include "core/validation/text.hpp"

namespace libstore {

ObjectReader::ObjectReader(const Value &body, std::initializer_list<std::string_view> allowed)
    : body_(body) {
    if (!body.is_object()) {
        throw_invalid("", "request body must be a JSON object");
    }
    for (const auto &member : body.as_object()) {
        bool known = false;
        for (auto name : allowed) {
            if (member.first == name) {
                known = true;
                break;
            }
        }
        if (!known) {
            std::string shown = is_clean_utf8(member.first) && member.first.size() <= 64
                                    ? member.first
                                    : std::string("<unprintable>");
            throw_invalid(shown, "unknown field '" + shown + "'");
        }
    }
}

bool ObjectReader::has(std::string_view field) const {
    return get(field) != nullptr;
}

const Value *ObjectReader::get(std::string_view field) const {
    const Value *value = body_.find(field);
    return value == nullptr || value->is_null() ? nullptr : value;
}

std::string checked_text(const Value &value, const std::string &field, TextLimits limits) {
    if (!value.is_string()) {
        throw_invalid(field, field + " must be a string");
    }
    const std::string &text = value.as_string();
    if (!is_clean_utf8(text)) {
        throw_invalid(field, field + " must be valid UTF-8 without NUL characters");
    }
    std::size_t length = utf8_length(text);
    if (length < limits.min_chars || length > limits.max_chars) {
        if (limits.min_chars > 0 && length == 0) {
            throw_invalid(field, field + " must not be empty");
        }
        throw_invalid(field, field + " must be " + std::to_string(limits.min_chars) + " to " +
                                 std::to_string(limits.max_chars) + " characters");
    }
    return text;
}

std::string ObjectReader::required_string(std::string_view field, TextLimits limits) const {
    const Value *value = get(field);
    if (value == nullptr) {
        throw_invalid(std::string(field), std::string(field) + " is required");
    }
    return checked_text(*value, std::string(field), limits);
}

std::optional<std::string> ObjectReader::optional_string(std::string_view field,
                                                         TextLimits limits) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    return checked_text(*value, std::string(field), limits);
}

std::optional<std::int64_t> ObjectReader::optional_integer(std::string_view field, std::int64_t min,
                                                           std::int64_t max) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::string name(field);
    std::int64_t number;
    if (value->is_integer()) {
        number = value->as_integer();
    } else if (value->is_real() && std::isfinite(value->as_real()) &&
               value->as_real() == std::floor(value->as_real()) &&
               std::fabs(value->as_real()) < 9.0e15) {
        number = static_cast<std::int64_t>(value->as_real());  // 3.0 is the integer 3
    } else {
        throw_invalid(name, name + " must be an integer");
    }
    if (number < min || number > max) {
        throw_invalid(
            name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return number;
}

std::int64_t ObjectReader::required_integer(std::string_view field, std::int64_t min,
                                            std::int64_t max) const {
    auto number = optional_integer(field, min, max);
    if (!number) {
        throw_invalid(std::string(field), std::string(field) + " is required");
    }
    return *number;
}

std::optional<bool> ObjectReader::optional_bool(std::string_view field) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        throw_invalid(std::string(field), std::string(field) + " must be true or false");
    }
    return value->as_bool();
}

std::optional<Cents> ObjectReader::optional_money(std::string_view field) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    return parse_money(*value, std::string(field));
}

Cents ObjectReader::required_money(std::string_view field) const {
    auto amount = optional_money(field);
    if (!amount) {
        throw_invalid(std::string(field), std::string(field) + " is required");
    }
    return *amount;
}

namespace {

// A query string value parsed as a JSON scalar would be: digits, an optional sign, one dot.
std::optional<Value> number_from_text(const std::string &text) {
    if (text.empty() || text.size() > 32) {
        return std::nullopt;
    }
    bool dot = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '-' && i == 0 && text.size() > 1) {
            continue;
        }
        if (c == '.' && !dot && i > 0 && i + 1 < text.size()) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    if (dot) {
        return Value(std::strtod(text.c_str(), nullptr));
    }
    return Value(static_cast<std::int64_t>(std::strtoll(text.c_str(), nullptr, 10)));
}

}  // namespace

std::optional<std::int64_t> ObjectReader::query_integer(std::string_view field, std::int64_t min,
                                                        std::int64_t max) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::string name(field);
    std::optional<Value> number;
    if (value->is_string()) {
        number = number_from_text(value->as_string());
    } else if (value->is_number()) {
        number = *value;
    }
    if (!number || !number->is_integer()) {
        throw_invalid(name, name + " must be an integer");
    }
    if (number->as_integer() < min || number->as_integer() > max) {
        throw_invalid(
            name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return number->as_integer();
}

std::optional<bool> ObjectReader::query_bool(std::string_view field) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_bool()) {
        return value->as_bool();
    }
    if (value->is_string() && value->as_string() == "true") {
        return true;
    }
    if (value->is_string() && value->as_string() == "false") {
        return false;
    }
    throw_invalid(std::string(field), std::string(field) + " must be true or false");
}

std::optional<Cents> ObjectReader::query_money(std::string_view field) const {
    const Value *value = get(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::string name(field);
    if (value->is_string()) {
        auto number = number_from_text(value->as_string());
        if (!number) {
            throw_invalid(name, name + " must be a number");
        }
        return parse_money(*number, name);
    }
    return parse_money(*value, name);
}

std::int64_t ObjectReader::page_limit() const {
    return query_integer("limit", 1, kMaxPageLimit).value_or(kDefaultPageLimit);
}

}  // namespace libstore
