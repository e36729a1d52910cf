#include "core/validation/case_folding.hpp"

#include <cstdint>

namespace libstore {

namespace {

std::uint32_t lower_code_point(std::uint32_t c) {
    if (c >= 'A' && c <= 'Z') {
        return c + 32;
    }
    if (c < 0xC0) {
        return c;
    }
    // Latin-1 Supplement: À..Þ except the multiplication sign.
    if (c <= 0xDE) {
        return c == 0xD7 ? c : c + 32;
    }
    // Latin Extended-A alternates capital/small, with the parity switching at U+0139 and U+0179;
    // U+0130 (dotted I) and U+0178 (Ÿ) are the irregular ones.
    if (c >= 0x100 && c <= 0x137) {
        return c == 0x130 ? 'i' : (c % 2 == 0 ? c + 1 : c);
    }
    if (c >= 0x139 && c <= 0x148) {
        return c % 2 == 1 ? c + 1 : c;
    }
    if (c >= 0x14A && c <= 0x177) {
        return c % 2 == 0 ? c + 1 : c;
    }
    if (c == 0x178) {
        return 0xFF;
    }
    if (c >= 0x179 && c <= 0x17E) {
        return c % 2 == 1 ? c + 1 : c;
    }
    // Greek capitals Α..Ω (U+03A2 is unassigned) and the accented ones.
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {
        return c + 32;
    }
    if (c == 0x386) {
        return 0x3AC;
    }
    if (c >= 0x388 && c <= 0x38A) {
        return c + 37;
    }
    if (c == 0x38C) {
        return 0x3CC;
    }
    if (c == 0x38E || c == 0x38F) {
        return c + 63;
    }
    // Cyrillic: Ѐ..Џ and А..Я.
    if (c >= 0x400 && c <= 0x40F) {
        return c + 80;
    }
    if (c >= 0x410 && c <= 0x42F) {
        return c + 32;
    }
    return c;
}

void append_utf8(std::string &out, std::uint32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::string fold_case(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        auto byte = static_cast<unsigned char>(utf8[i]);
        std::size_t extra = byte < 0x80 ? 0 : byte < 0xE0 ? 1 : byte < 0xF0 ? 2 : 3;
        if (extra > 0 && i + extra >= utf8.size()) {
            out.append(utf8.substr(i));  // truncated sequence: input is validated, keep it as is
            break;
        }
        std::uint32_t c = extra == 0   ? byte
                          : extra == 1 ? byte & 0x1F
                          : extra == 2 ? byte & 0x0F
                                       : byte & 0x07;
        for (std::size_t k = 1; k <= extra; ++k) {
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        append_utf8(out, lower_code_point(c));
        i += extra + 1;
    }
    return out;
}

}  // namespace libstore
