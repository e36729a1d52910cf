// Port: reading the outbox's feed in order. Every consumer (GET /events, store_events_list(),
// Store.events(), the webhook deliverer) reads through it.
//
// The feed's promise: ids grow, and the events with ids up to the highest one a read returned
// are all there is up to that id — an event written later (its change committed later, or its
// relay finished later) always gets a higher id. So a consumer that remembers the last id it
// handled and asks for what comes after it never misses an event.
#pragma once

#include <cstdint>
#include <vector>

#include "core/events/event.hpp"

namespace libstore {

class EventFeed {
  public:
    virtual ~EventFeed() = default;
    // At most `limit` events with ids above `after`, in id order.
    virtual std::vector<Event> read_after(std::int64_t after, std::int64_t limit) = 0;
    // The highest id the feed holds (0 when it is empty): where a consumer that wants only
    // what happens from now on starts (a new webhook).
    virtual std::int64_t last_id() = 0;
};

}  // namespace libstore
