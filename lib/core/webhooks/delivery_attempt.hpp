// One line of a webhook's delivery log: an attempt and what came of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/value.hpp"

namespace libstore {

struct DeliveryAttempt {
    std::string id;  // given by the repository
    std::string webhook_id;
    std::int64_t event_id = 0;
    std::string event_type;
    std::int64_t at_ms = 0;
    std::int64_t attempt = 0;  // 1 for the first
    std::optional<int> status_code;
    std::optional<std::string> error;
    bool delivered = false;
    std::string response_body;  // at most 1 KiB
};

// {event_id, event_type, at, attempt, status_code, error, delivered, response_body}
Value delivery_attempt_value(const DeliveryAttempt &attempt);

}  // namespace libstore
