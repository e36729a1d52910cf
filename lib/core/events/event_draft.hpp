// An event before the feed has placed it: written with its change (into the changed document's
// outbox, or onto the audit entry of the change), then published to the feed, which gives it its
// id there when it is read (see ports/event_outbox.hpp and ports/event_feed.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace libstore {

struct EventDraft {
    // The draft's own id (an ObjectId hex, or "audit:<entry id>"): publishing it twice keeps one.
    std::string id;
    std::string type;  // one of the types of events/event.hpp
    std::int64_t at_ms = 0;
    Value data = Value::object();
};

using EventDrafts = std::vector<EventDraft>;

// A draft with a fresh id.
EventDraft new_event_draft(const char *type, std::int64_t at_ms, Value data);

}  // namespace libstore
