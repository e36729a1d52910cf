#include "adapters/mongo/regex_escape.hpp"

namespace libstore::mongo {

std::string escape_regex(std::string_view text) {
    std::string pattern;
    pattern.reserve(text.size() * 2);
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        bool alphanumeric =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (byte < 0x80 && !alphanumeric) {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern;
}

}  // namespace libstore::mongo
