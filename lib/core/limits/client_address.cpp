#include "core/limits/client_address.hpp"

#include "core/error.hpp"
#include "core/validation/text.hpp"

namespace libstore {

namespace {

constexpr int kIpv6NetworkBits = 64;

bool is_port(std::string_view digits) {
    if (digits.empty() || digits.size() > 5) {
        return false;
    }
    long value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    return value <= 65535;
}

std::string counted_as(const IpAddress &address) {
    if (address.is_v4()) {
        return format_ip_address(address);
    }
    return format_ip_address(address.masked(kIpv6NetworkBits)) + "/64";
}

void validate_peer_token(std::string_view peer) {
    if (peer.size() > kMaxPeerAddressLength) {
        throw_invalid("peer_address", "peer address must be at most " +
                                          std::to_string(kMaxPeerAddressLength) + " bytes");
    }
    for (char c : peer) {
        if (c <= 0x20 || c >= 0x7f || c == ',') {
            throw_invalid("peer_address",
                          "peer address must be an IP address or a printable token without "
                          "blanks or commas");
        }
    }
}

}  // namespace

std::optional<IpAddress> parse_forwarded_entry(std::string_view entry) {
    entry = trim_blanks(entry);
    if (!entry.empty() && entry.front() == '[') {
        std::size_t close = entry.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view after = entry.substr(close + 1);
        if (!after.empty() && (after.front() != ':' || !is_port(after.substr(1)))) {
            return std::nullopt;
        }
        std::string_view inside = entry.substr(1, close - 1);
        if (inside.find(':') == std::string_view::npos) {
            return std::nullopt;  // brackets are for IPv6 only
        }
        return parse_ip_address(inside);
    }
    std::size_t colon = entry.find(':');
    if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
        // One colon: IPv4 with a port (a bare IPv6 address has at least two).
        if (!is_port(entry.substr(colon + 1))) {
            return std::nullopt;
        }
        auto address = parse_ip_address(entry.substr(0, colon));
        if (!address || !address->is_v4()) {
            return std::nullopt;
        }
        return address;
    }
    return parse_ip_address(entry);
}

std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const TrustedProxies &proxies) {
    validate_peer_token(peer);
    auto peer_address = parse_ip_address(peer);
    if (!peer_address) {
        return peer.empty() ? "unknown" : std::string(peer);
    }
    IpAddress current = *peer_address;
    if (!proxies.contains(current) || !forwarded_for) {
        return counted_as(current);
    }
    std::string_view rest = *forwarded_for;
    for (int hop = 0; hop < kMaxForwardedHops && !trim_blanks(rest).empty(); ++hop) {
        std::size_t comma = rest.rfind(',');
        std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        auto address = parse_forwarded_entry(entry);
        if (!address) {
            break;  // the last trusted hop counts
        }
        current = *address;
        if (!proxies.contains(current)) {
            break;  // the client
        }
    }
    return counted_as(current);
}

}  // namespace libstore
