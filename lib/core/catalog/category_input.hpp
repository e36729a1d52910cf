// Parsing and validation of category input: new categories, changes, list queries. The field
// rules of API.md for categories live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/catalog/category.hpp"
#include "core/page_cursor.hpp"
#include "core/value.hpp"

namespace libstore {

inline constexpr std::size_t kCategoryNameMaxChars = 100;
inline constexpr std::size_t kCategoryDescriptionMaxChars = 1000;

struct CategoryChanges {
    std::optional<std::string> name;
    std::optional<std::string> name_key;  // set with name
    // Outer optional: field present; inner nullopt: null clears it.
    std::optional<std::optional<std::string>> description;

    bool empty() const { return !name && !description; }
};

struct CategoryQuery {
    std::int64_t limit = kDefaultPageLimit;
    std::optional<std::string> after_name_key;  // from the cursor: the last name key shown
};

// {name, description?} -> a Category without id and timestamps. Throws Error(invalid_argument)
// naming the first bad or unknown field.
Category parse_new_category(const Value &body);

// {name?, description?}, at least one of them.
CategoryChanges parse_category_changes(const Value &body);

// {limit?, cursor?}; values may be strings (from a URL) or numbers.
CategoryQuery parse_category_query(const Value &query);

// The cursor of a page that ends with `last`.
std::string category_cursor(const Category &last);

}  // namespace libstore
