// Character-level checks on input strings.
#pragma once

#include <cstddef>
#include <string_view>

namespace libstore {

// True for well-formed UTF-8 without NUL bytes (NUL would cut C strings and BSON keys short).
bool is_clean_utf8(std::string_view text);

// Number of code points in well-formed UTF-8.
std::size_t utf8_length(std::string_view text);

// `text` without the spaces and tabs around it (as HTTP list headers and settings put them).
std::string_view trim_blanks(std::string_view text);

}  // namespace libstore
