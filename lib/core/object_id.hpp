// Ids are MongoDB ObjectIds written as 24 lower-case hex characters. A malformed id can never
// name anything, so lookups treat it as "not found" rather than as bad input (API.md).
#pragma once

#include <string>
#include <string_view>

namespace libstore {

bool is_object_id(std::string_view text);

// Throws Error(not_found, message) unless `text` is a well-formed id.
void require_object_id(std::string_view text, const std::string &what);

}  // namespace libstore
