// Search text as a regular expression that matches exactly that text: "q=.*" looks for the two
// characters ".*", and no input can make the server run an expensive pattern.
#pragma once

#include <string>
#include <string_view>

namespace libstore::mongo {

// Puts a backslash before every ASCII character that is not a letter or digit. A backslash before
// punctuation means the character itself in PCRE (MongoDB) and in Python's re (the test
// stand-in); letters and digits are never escaped, since "\d" or "\1" would mean something else.
std::string escape_regex(std::string_view text);

}  // namespace libstore::mongo
