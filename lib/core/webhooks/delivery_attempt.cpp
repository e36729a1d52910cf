#include "core/webhooks/delivery_attempt.hpp"

#include "core/timestamp.hpp"

namespace libstore {

Value delivery_attempt_value(const DeliveryAttempt &attempt) {
    Value shown = Value::object();
    shown.set("event_id", attempt.event_id)
        .set("event_type", attempt.event_type)
        .set("at", format_rfc3339(attempt.at_ms))
        .set("attempt", attempt.attempt)
        .set("status_code", attempt.status_code ? Value(*attempt.status_code) : Value())
        .set("error", attempt.error ? Value(*attempt.error) : Value())
        .set("delivered", attempt.delivered)
        .set("response_body", attempt.response_body);
    return shown;
}

}  // namespace libstore
