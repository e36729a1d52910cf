// The reverse proxies whose X-Forwarded-For a store believes (LIBSTORE_TRUSTED_PROXIES).
#pragma once

#include <string>
#include <vector>

#include "core/limits/ip_address.hpp"

namespace libstore {

class TrustedProxies {
  public:
    // No proxy is trusted: X-Forwarded-For is ignored and the peer address always counts.
    TrustedProxies() = default;

    // A comma-separated list of exact addresses ("10.0.0.7", "2001:db8::7") and CIDR ranges
    // ("10.0.0.0/8", "2001:db8::/32"), blanks around entries ignored; empty text trusts none.
    // Throws Error(invalid_argument, "trusted_proxies") naming the first bad entry: an empty
    // entry, a non-address, a prefix out of range, a range with bits set past its prefix
    // ("10.0.0.1/8": a typo for 10.0.0.0/8 or for 10.0.0.1? it is refused, not guessed), or more
    // than kMaxEntries entries.
    static TrustedProxies parse(const std::string &text);

    bool contains(const IpAddress &address) const;
    bool empty() const { return ranges_.empty(); }

    static constexpr std::size_t kMaxEntries = 256;

  private:
    struct Range {
        IpAddress network;
        int prefix_bits;  // over the 16-byte form: an IPv4 /n is /96+n
    };
    std::vector<Range> ranges_;
};

}  // namespace libstore
