// One event owed to one webhook, and the attempts at handing it over. Made once by the dispatch
// (its id "<webhook id>:<event id>" makes a second one a duplicate), it keeps the event's JSON
// so that every retry sends the very same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace libstore {

// pending: waiting for (or in) an attempt; delivered: a 2xx came back; failed: given up;
// dropped: its webhook was deactivated or deleted before it went out.
enum class DeliveryState { pending, delivered, failed, dropped };

const char *delivery_state_name(DeliveryState state);

struct DeliveryJob {
    std::string id;  // "<webhook id>:<event id>"
    std::string webhook_id;
    std::int64_t event_id = 0;
    std::string event_type;
    std::string body;  // the event's JSON, as signed and sent
    DeliveryState state = DeliveryState::pending;
    std::int64_t attempts = 0;  // attempts whose outcome was recorded
    std::optional<std::int64_t> first_attempt_at_ms;
    // When it may next be taken: the next attempt's time, or, while leased, the lease's end (a
    // crashed holder's job is taken again from then on).
    std::int64_t due_at_ms = 0;
    std::string holder;  // the sweep holding the lease; empty when none
    std::int64_t created_at_ms = 0;
};

std::string delivery_job_id(const std::string &webhook_id, std::int64_t event_id);

}  // namespace libstore
