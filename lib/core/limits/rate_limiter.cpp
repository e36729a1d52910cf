#include "core/limits/rate_limiter.hpp"

#include "core/error.hpp"
#include "core/limits/client_address.hpp"
#include "core/limits/rate_limit_action.hpp"

namespace libstore {

namespace {

// Floor division: the minute an instant falls in, also for instants before the epoch.
std::int64_t window_start(std::int64_t now_ms) {
    std::int64_t start = now_ms - now_ms % RateLimiter::kWindowMs;
    return start > now_ms ? start - RateLimiter::kWindowMs : start;
}

}  // namespace

RateLimiter::RateLimiter(RateLimitCounter &counts, Clock &clock, std::int32_t limit_per_minute,
                         TrustedProxies proxies)
    : counts_(counts), clock_(clock), limit_(limit_per_minute), proxies_(std::move(proxies)) {}

void RateLimiter::hit(const std::string &action, std::string_view peer_address,
                      std::optional<std::string_view> forwarded_for) {
    const char *action_name = rate_limit_action_name(parse_rate_limit_action(action));
    std::string address = client_address(peer_address, forwarded_for, proxies_);
    if (limit_ <= 0) {
        return;
    }
    std::int64_t now = clock_.now_ms();
    std::int64_t start = window_start(now);
    std::int64_t end = start + kWindowMs;
    std::int64_t count = counts_.increment(std::string(action_name) + " " + address, start, end);
    if (count > limit_) {
        auto retry_seconds = static_cast<std::int32_t>((end - now + 999) / 1000);
        if (retry_seconds < 1) {
            retry_seconds = 1;
        }
        throw Error(ErrorCode::rate_limited, "",
                    "too many requests from this address; try again in " +
                        std::to_string(retry_seconds) + " seconds",
                    retry_seconds);
    }
}

}  // namespace libstore
