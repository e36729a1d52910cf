#include "core/page_cursor.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "core/object_id.hpp"

namespace libstore {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kSeparator = '\x1f';

std::string base64url_encode(const std::string &bytes) {
    std::string out;
    std::size_t i = 0;
    while (i + 2 < bytes.size()) {
        std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                          (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                          static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
        i += 3;
    }
    std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        }
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        if (rest == 2) {
            out += kAlphabet[(n >> 6) & 63];
        }
    }
    return out;
}

int decode_char(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

[[noreturn]] void bad_cursor() {
    throw_invalid("cursor", "cursor is malformed or expired");
}

std::string base64url_decode(const std::string &text) {
    if (text.size() % 4 == 1 || text.size() > 4096) {
        bad_cursor();
    }
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        int value = decode_char(c);
        if (value < 0) {
            bad_cursor();
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace

std::string encode_page_cursor(const std::vector<std::string> &parts) {
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            joined += kSeparator;
        }
        joined += parts[i];
    }
    return base64url_encode(joined);
}

std::vector<std::string> decode_page_cursor(const std::string &cursor, std::size_t expected_parts) {
    std::string joined = base64url_decode(cursor);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t end = joined.find(kSeparator, start);
        parts.push_back(joined.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    if (parts.size() != expected_parts) {
        bad_cursor();
    }
    return parts;
}

Value page_value(Value::Array items, const std::string &next_cursor) {
    Value page = Value::object();
    page.set("items", Value(std::move(items)));
    page.set("next_cursor", next_cursor.empty() ? Value(nullptr) : Value(next_cursor));
    return page;
}

std::string encode_time_id_cursor(std::int64_t at_ms, const std::string &id) {
    return encode_page_cursor({std::to_string(at_ms), id});
}

TimeIdPosition decode_time_id_cursor(const std::string &cursor) {
    auto parts = decode_page_cursor(cursor, 2);
    char *end = nullptr;
    long long at = std::strtoll(parts[0].c_str(), &end, 10);
    if (parts[0].empty() || *end != '\0' || !is_object_id(parts[1])) {
        bad_cursor();
    }
    return TimeIdPosition{at, parts[1]};
}

}  // namespace libstore
