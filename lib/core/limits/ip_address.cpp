#include "core/limits/ip_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace libstore {

namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
// Longer than any address literal with a zone; anything past it is not one.
constexpr std::size_t kMaxLiteralLength = 64;
constexpr std::size_t kMaxZoneLength = 16;

bool is_zone_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

}  // namespace

bool IpAddress::is_v4() const {
    return std::memcmp(bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) == 0;
}

bool IpAddress::in_prefix(const IpAddress &network, int prefix_bits) const {
    return masked(prefix_bits) == network.masked(prefix_bits);
}

bool IpAddress::has_bits_after(int prefix_bits) const {
    return !(masked(prefix_bits) == *this);
}

IpAddress IpAddress::masked(int prefix_bits) const {
    IpAddress result = *this;
    for (int i = 0; i < 16; ++i) {
        int kept = prefix_bits - i * 8;
        if (kept <= 0) {
            result.bytes[i] = 0;
        } else if (kept < 8) {
            result.bytes[i] &= static_cast<std::uint8_t>(0xff << (8 - kept));
        }
    }
    return result;
}

std::optional<IpAddress> parse_ip_address(std::string_view text) {
    if (text.empty() || text.size() > kMaxLiteralLength) {
        return std::nullopt;
    }
    std::size_t percent = text.find('%');
    std::string_view literal = text.substr(0, percent);
    // inet_pton wants a NUL-terminated string; an embedded NUL must not cut the text short.
    if (literal.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    std::string copy(literal);
    IpAddress address;
    in_addr v4{};
    if (percent == std::string_view::npos && inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
        std::memcpy(address.bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size());
        std::memcpy(address.bytes.data() + 12, &v4, 4);
        return address;
    }
    if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) {
        return std::nullopt;
    }
    if (percent != std::string_view::npos) {
        std::string_view zone = text.substr(percent + 1);
        if (zone.empty() || zone.size() > kMaxZoneLength) {
            return std::nullopt;
        }
        for (char c : zone) {
            if (!is_zone_char(c)) {
                return std::nullopt;
            }
        }
    }
    return address;
}

std::string format_ip_address(const IpAddress &address) {
    char text[INET6_ADDRSTRLEN];
    if (address.is_v4()) {
        inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
    } else {
        inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
    }
    return text;
}

}  // namespace libstore
