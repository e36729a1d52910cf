#include "core/webhooks/delivery_job.hpp"

namespace libstore {

const char *delivery_state_name(DeliveryState state) {
    switch (state) {
        case DeliveryState::delivered:
            return "delivered";
        case DeliveryState::failed:
            return "failed";
        case DeliveryState::dropped:
            return "dropped";
        case DeliveryState::pending:
            break;
    }
    return "pending";
}

std::string delivery_job_id(const std::string &webhook_id, std::int64_t event_id) {
    return webhook_id + ":" + std::to_string(event_id);
}

}  // namespace libstore
