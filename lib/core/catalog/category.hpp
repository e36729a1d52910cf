// A product category as the core sees it, and its API form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/value.hpp"

namespace libstore {

struct Category {
    std::string id;  // 24-hex ObjectId; assigned by the repository on insert
    std::string name;
    std::string name_key;  // fold_case(name): unique across categories, the sort key
    std::optional<std::string> description;
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
};

// {id, name, description, created_at, updated_at}
Value category_value(const Category &category);

}  // namespace libstore
