// Which address a request counts against: the rule that makes X-Forwarded-For safe to read.
//
// The host reports the TCP peer. When the peer is not a trusted proxy it is the client, and
// whatever X-Forwarded-For it sent is ignored: anyone can write that header, so believing it
// from an untrusted peer would let a client pick a fresh address for every request.
//
// When the peer is a trusted proxy, X-Forwarded-For is read from the right, because each proxy
// appends the address it received the request from: the rightmost entry was written by the
// peer itself (trusted), the one before it by the proxy before that, and so on. Entries written
// by trusted proxies are skipped; the first entry that is not a trusted proxy is the client.
// Everything to its left was written by the client or by proxies nobody vouches for, so it is
// never looked at.
//
// A malformed entry ("unknown", a host name, garbage) stops the walk, and the last trusted hop
// counts: the request counts against the trusted proxy that handed the bad entry over. That
// never lets a client choose its key (it cannot write an entry a trusted proxy would pass on
// as its own), and it does not let a misbehaving proxy spread its clients' requests either.
// The same holds when every entry is a trusted proxy, when the header is absent or empty, and
// after kMaxForwardedHops entries (a request does not cross more proxies than that).
//
// IPv6 clients count by their /64 network: one host is usually handed a whole /64 and can use
// any address in it, so counting single IPv6 addresses would not limit anyone. IPv4 (also in
// its ::ffff: mapped form) counts by the single address.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/limits/trusted_proxies.hpp"

namespace libstore {

inline constexpr int kMaxForwardedHops = 32;
inline constexpr std::size_t kMaxPeerAddressLength = 64;

// One X-Forwarded-For entry: an address literal, optionally with a port as some proxies write
// it ("203.0.113.9:51234", "[2001:db8::9]:443", "[2001:db8::9]"); blanks around it ignored.
std::optional<IpAddress> parse_forwarded_entry(std::string_view entry);

// The text a request counts against (see above). `peer` is what the host knows of the other
// end of the connection: normally an IP literal; a host with no IP peer (a Unix socket, a test
// client) may pass any other short printable token ("unix", "testclient"), which counts as
// itself and is never a trusted proxy, or an empty string, which counts as "unknown". Throws
// Error(invalid_argument, "peer_address") for a longer token or one with blanks, commas or
// control characters. `forwarded_for` is the X-Forwarded-For header, its repeated fields
// joined by ", " in the order received; nullopt or empty when absent.
std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const TrustedProxies &proxies);

}  // namespace libstore
