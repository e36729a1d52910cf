#include "core/webhooks/delivery_policy.hpp"

namespace libstore {

std::int64_t retry_delay_ms(const DeliveryPolicy &policy, std::int64_t failed_attempts) {
    std::int64_t delay = policy.retry_initial_ms;
    for (std::int64_t k = 1; k < failed_attempts && delay < policy.retry_max_ms; ++k) {
        delay *= 2;
    }
    return delay < policy.retry_max_ms ? delay : policy.retry_max_ms;
}

bool gives_up(const DeliveryPolicy &policy, std::int64_t first_attempt_at_ms, std::int64_t now_ms) {
    return now_ms - first_attempt_at_ms >= policy.give_up_ms;
}

}  // namespace libstore
