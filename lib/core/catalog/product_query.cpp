#include "core/catalog/product_query.hpp"

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "core/catalog/cursor_text.hpp"
#include "core/catalog/product_input.hpp"
#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/validation/object_reader.hpp"
#include "core/validation/text.hpp"

namespace libstore {

namespace {

constexpr std::string_view kAttributePrefix = "attr.";
constexpr const char *kCursorTag = "product";

struct SortName {
    const char *name;
    ProductSort sort;
};

constexpr SortName kSorts[] = {
    {"name", {ProductSortKey::name, false}},
    {"-name", {ProductSortKey::name, true}},
    {"price", {ProductSortKey::price, false}},
    {"-price", {ProductSortKey::price, true}},
    {"created_at", {ProductSortKey::created_at, false}},
    {"-created_at", {ProductSortKey::created_at, true}},
};

ProductSort parse_sort(const std::string &name) {
    for (const auto &entry : kSorts) {
        if (name == entry.name) {
            return entry.sort;
        }
    }
    throw_invalid("sort",
                  "sort must be one of name, -name, price, -price, created_at, -created_at");
}

const char *sort_name(const ProductSort &sort) {
    for (const auto &entry : kSorts) {
        if (entry.sort.key == sort.key && entry.sort.descending == sort.descending) {
            return entry.name;
        }
    }
    return "name";
}

[[noreturn]] void bad_cursor() {
    throw_invalid("cursor", "cursor is malformed or expired");
}

std::int64_t cursor_number(const std::string &text) {
    if (text.empty() || text.size() > 20) {
        bad_cursor();
    }
    errno = 0;
    char *end = nullptr;
    long long number = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size()) {
        bad_cursor();
    }
    return number;
}

ProductPosition parse_cursor(const std::string &cursor, const ProductSort &sort) {
    auto parts = decode_page_cursor(cursor, 4);
    // A cursor continues the order it was made for; another sort would start mid-way.
    if (parts[0] != kCursorTag || parts[1] != sort_name(sort) || !is_object_id(parts[3])) {
        bad_cursor();
    }
    ProductPosition position;
    if (sort.key == ProductSortKey::name) {
        position.name_key = cursor_text_decode(parts[2]);
    } else {
        position.number = cursor_number(parts[2]);
    }
    position.id = parts[3];
    return position;
}

}  // namespace

ProductQuery parse_product_query(const Value &query) {
    if (!query.is_object()) {
        throw_invalid("", "query must be an object");
    }
    ProductQuery parsed;
    // attr.<key> parameters are open-ended; the rest is a fixed set.
    Value fixed = Value::object();
    for (const auto &[name, value] : query.as_object()) {
        if (name.compare(0, kAttributePrefix.size(), kAttributePrefix) != 0) {
            fixed.as_object().emplace_back(name, value);
            continue;
        }
        std::string key = name.substr(kAttributePrefix.size());
        if (!is_attribute_key(key)) {
            std::string shown =
                is_clean_utf8(name) && name.size() <= 64 ? name : std::string("attr.<key>");
            throw_invalid(shown,
                          "attribute filters are attr.<key> with a key of 1 to 32 of "
                          "[a-z0-9_]; '" +
                              shown + "' is not one");
        }
        parsed.attributes.emplace_back(key,
                                       checked_text(value, name, {1, kAttributeValueMaxChars}));
    }
    ObjectReader reader(fixed, {"category", "q", "min_price", "max_price", "size", "sort", "limit",
                                "cursor", "include_hidden"});
    if (auto category = reader.optional_string("category", {1, 64})) {
        if (!is_object_id(*category)) {
            throw_invalid("category", "category must be a 24-hex-character category id");
        }
        parsed.category_id = std::move(category);
    }
    if (auto text = reader.optional_string("q", {0, kProductNameMaxChars});
        text && !text->empty()) {
        parsed.text = std::move(text);
    }
    parsed.min_price_cents = reader.query_money("min_price");
    parsed.max_price_cents = reader.query_money("max_price");
    if (parsed.min_price_cents && *parsed.min_price_cents < 0) {
        throw_invalid("min_price", "min_price must not be negative");
    }
    if (parsed.max_price_cents && *parsed.max_price_cents < 0) {
        throw_invalid("max_price", "max_price must not be negative");
    }
    if (parsed.min_price_cents && parsed.max_price_cents &&
        *parsed.min_price_cents > *parsed.max_price_cents) {
        throw_invalid("min_price", "min_price must not be above max_price");
    }
    parsed.size = reader.optional_string("size", {1, kSizeMaxChars});
    if (auto sort = reader.optional_string("sort", {1, 16})) {
        parsed.sort = parse_sort(*sort);
    }
    parsed.limit = reader.page_limit();
    parsed.include_hidden = reader.query_bool("include_hidden").value_or(false);
    if (auto cursor = reader.optional_string("cursor", {1, 8192})) {
        parsed.after = parse_cursor(*cursor, parsed.sort);
    }
    return parsed;
}

std::string product_cursor(const ProductSort &sort, const Product &last) {
    std::string key;
    switch (sort.key) {
        case ProductSortKey::name:
            key = cursor_text_encode(last.name_key);
            break;
        case ProductSortKey::price:
            key = std::to_string(last.price_cents);
            break;
        case ProductSortKey::created_at:
            key = std::to_string(last.created_at_ms);
            break;
    }
    return encode_page_cursor({kCursorTag, sort_name(sort), key, last.id});
}

}  // namespace libstore
