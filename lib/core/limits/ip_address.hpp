// IP address literals as the rate limits read them: from the host's peer address, from
// X-Forwarded-For entries and from the trusted-proxy list.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace libstore {

// An IPv4 or IPv6 address, always held as 16 bytes: IPv4 as its IPv4-mapped IPv6 form
// (::ffff:a.b.c.d), so "10.0.0.1" and "::ffff:10.0.0.1" (what a dual-stack socket reports for
// an IPv4 peer) are one address and one CIDR rule covers both spellings.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};

    bool is_v4() const;
    // Whether the first `prefix_bits` (0..128) bits equal those of `network`.
    bool in_prefix(const IpAddress &network, int prefix_bits) const;
    // Whether any bit past the first `prefix_bits` is set (a CIDR rule must not have them).
    bool has_bits_after(int prefix_bits) const;
    // This address with every bit past the first `prefix_bits` cleared.
    IpAddress masked(int prefix_bits) const;

    bool operator==(const IpAddress &other) const { return bytes == other.bytes; }
};

// A bare address literal: dotted-quad IPv4 (four decimal parts, no leading zeros) or any IPv6
// text form, optionally with a zone ("fe80::1%eth0", which is ignored: a rate limit does not
// care which interface a link-local peer came in on). nullopt for anything else.
std::optional<IpAddress> parse_ip_address(std::string_view text);

// Canonical text: dotted quad for IPv4 (mapped or not), RFC 5952 lower-case compressed IPv6.
std::string format_ip_address(const IpAddress &address);

}  // namespace libstore
