// Case-insensitive keys for names: what makes "Books" and "BOOKS" the same category and sorts
// "apple" next to "Apple". Stored beside the name (name_lower), so uniqueness and ordering are
// plain index lookups on any MongoDB-compatible server, no collation needed.
#pragma once

#include <string>
#include <string_view>

namespace libstore {

// Simple lower-casing of well-formed UTF-8: ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic capitals map to their small letters; every other code point is kept as it is. Not
// full Unicode case folding (no ICU in the core), but stable: a stored key never changes meaning.
std::string fold_case(std::string_view utf8);

}  // namespace libstore
