// Per-address rate limits on the endpoints that take passwords or hand out credentials (API.md,
// "Hosts: the same everywhere"): at most `limit` requests per client address, per action and
// per clock minute.
//
// The library cannot see the socket, so the host reports each request's peer address (and its
// X-Forwarded-For) before running one of these endpoints; the rules — which address counts
// (client_address.hpp), the window, the answer — all live here.
//
// The window is the clock minute (a fixed window, not a sliding one): each (action, address,
// minute) is one counter in the database, bumped by one atomic round trip, so host processes
// that share the database share the counts, and nothing has to be cleaned up by hand (a TTL
// index drops a counter once its minute is over). A client can at worst make 2 × limit
// requests across one minute boundary, which is fine for the purpose: slowing down password
// guessing and account spraying, not metering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/limits/trusted_proxies.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/rate_limit_counter.hpp"

namespace libstore {

class RateLimiter {
  public:
    static constexpr std::int64_t kWindowMs = 60'000;

    // `limit_per_minute` 0 turns the limits off.
    RateLimiter(RateLimitCounter &counts, Clock &clock, std::int32_t limit_per_minute,
                TrustedProxies proxies);

    // Counts one request of `action` (see rate_limit_action.hpp) from the client that
    // `peer_address` and `forwarded_for` name (see client_address.hpp). Returns when it is
    // within the limit; throws Error(rate_limited) with retry_after_seconds = the seconds until
    // the window ends (at least 1) when it is over. Bad arguments are Error(invalid_argument,
    // "action" | "peer_address") even when the limits are off; off, nothing else happens (no
    // round trip).
    void hit(const std::string &action, std::string_view peer_address,
             std::optional<std::string_view> forwarded_for);

  private:
    RateLimitCounter &counts_;
    Clock &clock_;
    std::int32_t limit_;
    TrustedProxies proxies_;
};

}  // namespace libstore
