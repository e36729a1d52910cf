// Reads a request object field by field, enforcing the API's input rules in one place: the body
// must be an object, unknown fields are rejected by name, every field has the expected type and
// range, and strings are clean UTF-8. A JSON null counts as "absent" for optional fields.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/value.hpp"

namespace libstore {

struct TextLimits {
    std::size_t min_chars = 0;
    std::size_t max_chars = 0;  // code points
};

class ObjectReader {
  public:
    // Throws Error(invalid_argument) if `body` is not an object or holds a field not listed.
    ObjectReader(const Value &body, std::initializer_list<std::string_view> allowed_fields);

    bool has(std::string_view field) const;
    const Value *get(std::string_view field) const;  // nullptr when absent or null

    std::string required_string(std::string_view field, TextLimits limits) const;
    std::optional<std::string> optional_string(std::string_view field, TextLimits limits) const;
    std::optional<std::int64_t> optional_integer(std::string_view field, std::int64_t min,
                                                 std::int64_t max) const;
    std::int64_t required_integer(std::string_view field, std::int64_t min, std::int64_t max) const;
    std::optional<bool> optional_bool(std::string_view field) const;
    std::optional<Cents> optional_money(std::string_view field) const;
    Cents required_money(std::string_view field) const;

    // Query parameters arrive as strings from a URL and as typed values from C or Python; these
    // accept both ("5" or 5, "true" or true, "19.99" or 19.99).
    std::optional<std::int64_t> query_integer(std::string_view field, std::int64_t min,
                                              std::int64_t max) const;
    std::optional<bool> query_bool(std::string_view field) const;
    std::optional<Cents> query_money(std::string_view field) const;
    // `limit` in [1, kMaxPageLimit], default kDefaultPageLimit.
    std::int64_t page_limit() const;

  private:
    const Value &body_;
};

// Checks one string value against limits; used for values that are not object members too.
std::string checked_text(const Value &value, const std::string &field, TextLimits limits);

}  // namespace libstore
