// Free text (a name key) inside a page cursor. Hex keeps it clear of the cursor's separator
// byte, which a name may legally contain.
#pragma once

#include <string>
#include <string_view>

namespace libstore {

std::string cursor_text_encode(std::string_view text);

// Throws Error(invalid_argument, "cursor") unless `hex` is the encoding of clean UTF-8.
std::string cursor_text_decode(std::string_view hex);

}  // namespace libstore
