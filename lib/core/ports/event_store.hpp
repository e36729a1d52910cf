// Port: the outbox's store as a whole — where events are published and where the feed is read —
// as one adapter provides it (a Store owns one).
#pragma once

#include "core/ports/event_feed.hpp"
#include "core/ports/event_outbox.hpp"

namespace libstore {

class EventStore : public EventFeed, public EventOutbox {};

}  // namespace libstore
