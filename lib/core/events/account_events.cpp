#include "core/events/account_events.hpp"

#include "core/events/event.hpp"

namespace libstore {

EventDraft user_registered_event(const User &user) {
    Value data = Value::object();
    data.set("user_id", user.id).set("username", user.username).set("email", user.email);
    return new_event_draft(kEventUserRegistered, user.created_at_ms, std::move(data));
}

}  // namespace libstore
