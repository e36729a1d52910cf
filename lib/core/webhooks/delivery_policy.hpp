// How hard the deliverer tries: the send timeout, the backoff between attempts, when it gives
// up, how long a lease lasts, and how much one sweep does. From StoreConfig (the webhook_*
// options of store_options_t).
#pragma once

#include <cstdint>

namespace libstore {

struct DeliveryPolicy {
    std::int64_t timeout_ms = 10'000;
    std::int64_t retry_initial_ms = 1'000;
    std::int64_t retry_max_ms = 3'600'000;
    std::int64_t give_up_ms = 86'400'000;
    // Longer than the timeout, so a lease never runs out while its send may still be going.
    std::int64_t lease_ms = 60'000;
    bool allow_private = false;
    // Per sweep: events read per webhook (in batches of feed_batch), and jobs sent.
    std::int64_t feed_batch = 100;
    std::int64_t max_feed_batches = 10;
    std::int64_t max_sends = 50;
};

// The wait after the `failed_attempts`-th failed attempt (1 for the first): retry_initial ×
// 2^(failed_attempts − 1), capped at retry_max. Never overflows.
std::int64_t retry_delay_ms(const DeliveryPolicy &policy, std::int64_t failed_attempts);

// Whether a job whose first attempt was at `first_attempt_at_ms` is given up at `now_ms`.
bool gives_up(const DeliveryPolicy &policy, std::int64_t first_attempt_at_ms, std::int64_t now_ms);

}  // namespace libstore
