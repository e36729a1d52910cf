// PATCH semantics shared by the catalog's update bodies: an absent field stays as it is, a value
// replaces it, and an explicit null clears an optional field.
#pragma once

#include <string_view>

#include "core/value.hpp"

namespace libstore {

// True when `body` holds `field` with the value null (ObjectReader treats that as absent).
inline bool sets_null(const Value &body, std::string_view field) {
    const Value *value = body.find(field);
    return value != nullptr && value->is_null();
}

}  // namespace libstore
