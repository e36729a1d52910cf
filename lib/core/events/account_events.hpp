// The events of accounts (API.md "Events and webhooks").
#pragma once

#include "core/accounts/user.hpp"
#include "core/events/event_draft.hpp"

namespace libstore {

// user.registered {user_id, username, email}: every way an account is created.
EventDraft user_registered_event(const User &user);

}  // namespace libstore
