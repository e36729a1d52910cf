#include "core/catalog/cursor_text.hpp"

#include "core/error.hpp"
#include "core/validation/text.hpp"

namespace libstore {

namespace {

constexpr char kDigits[] = "0123456789abcdef";

int nibble(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

[[noreturn]] void bad_cursor() {
    throw_invalid("cursor", "cursor is malformed or expired");
}

}  // namespace

std::string cursor_text_encode(std::string_view text) {
    std::string hex;
    hex.reserve(text.size() * 2);
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0x0F];
    }
    return hex;
}

std::string cursor_text_decode(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        bad_cursor();
    }
    std::string text;
    text.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int high = nibble(hex[i]);
        int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) {
            bad_cursor();
        }
        text += static_cast<char>((high << 4) | low);
    }
    if (!is_clean_utf8(text)) {
        bad_cursor();
    }
    return text;
}

}  // namespace libstore
