// Which URLs a webhook may post to. A shop's admin must not turn the deliverer into a probe of
// the shop's own network (SSRF): loopback, private, link-local, unique-local and unspecified
// addresses are refused unless the store allows private targets (development and tests). The
// libcurl sender applies is_private_address() again to the address it actually connects to, so
// a public name that resolves to 127.0.0.1 is refused too.
#pragma once

#include <string>

#include "core/limits/ip_address.hpp"

namespace libstore {

inline constexpr std::size_t kMaxWebhookUrlBytes = 2048;

// Loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16, 100.64/10), link-local
// (169.254/16, fe80::/10), unique-local (fc00::/7), unspecified (0/8, ::), multicast and
// broadcast, for IPv4 in either spelling (IPv4-mapped IPv6 too).
bool is_private_address(const IpAddress &address);

// Checks `url` (field "url"): absolute http(s), at most 2048 bytes, a host, no user:password,
// no whitespace or control characters; unless `allow_private`, a host that is "localhost" (or
// under .localhost) or a private address literal is refused. Throws Error(invalid_argument,
// "url"). Returns the host as written (brackets removed from an IPv6 literal).
std::string check_webhook_url(const std::string &url, bool allow_private);

}  // namespace libstore
