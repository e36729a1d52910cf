// Relaying the drafts a crash left in users' and orders' outboxes (the recorded sequence stops
// between a change and its relay): part of store_recover().
#pragma once

#include <cstdint>

#include "core/ports/database.hpp"
#include "core/ports/event_outbox.hpp"
#include "core/value.hpp"

namespace libstore {

// Relays every draft made at least `min_age_ms` before `now_ms`; {"events_relayed": n}. Safe to
// run at any time from any process: a draft relayed twice is one event.
Value relay_leftover_events(Database &database, EventOutbox &outbox, std::int64_t now_ms,
                            std::int64_t min_age_ms);

}  // namespace libstore
