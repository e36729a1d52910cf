// What an uploaded image must be (API.md "Product images"): one of four types, at most 5 MiB,
// and bytes that really are a whole file of the declared type. The declared type alone is
// whatever a client chose to send, so the bytes decide: their magic numbers must match it, and
// the structure the format ends with must be there, so a cut-off upload is refused too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace libstore {

inline constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;

// The canonical form of a declared type: lower case, parameters (";...") and blanks dropped.
// Error(invalid_argument, "content_type") unless it is image/png, image/jpeg, image/webp or
// image/gif.
std::string accepted_image_type(std::string_view declared);

// Checks `data` against the declared type and returns the canonical type. Error(too_large,
// "image") over kMaxImageBytes; Error(invalid_argument, "content_type") for an unknown type or
// bytes of another type; Error(invalid_argument, "image") for empty, truncated or malformed
// data of the declared type.
std::string check_image(std::string_view declared, std::string_view data);

}  // namespace libstore
