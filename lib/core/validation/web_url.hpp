// Links a shop shows to browsers (product images): only http and https, so a stored value can
// never become a javascript: or data: link in somebody's front end.
#pragma once

#include <string_view>

namespace libstore {

// True for "http://host..." or "https://host..." (scheme case-insensitive) with a non-empty
// host and no whitespace or control characters anywhere.
bool is_web_url(std::string_view text);

}  // namespace libstore
