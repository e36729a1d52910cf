// Port: publishing events to the feed.
//
// A change to a user or an order pushes its event drafts into an `outbox` in the changed
// document, in the same single-document write as the change, so a draft exists if and only if
// its change does. relay() then publishes them and removes them from the document; in a
// transaction both are part of it, on the recorded sequence a crash in between leaves the drafts
// behind and recovery relays them (leftovers()). Publishing a draft again is harmless: the feed
// keeps one event per draft id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/events/event_draft.hpp"
#include "core/ports/unit_of_work.hpp"

namespace libstore {

// The kinds of documents that carry an outbox.
enum class OutboxHolder { user, order };

// Drafts a document still carries.
struct OutboxLeftover {
    OutboxHolder holder = OutboxHolder::user;
    std::string holder_id;
    EventDrafts drafts;
};

class EventOutbox {
  public:
    virtual ~EventOutbox() = default;
    // Publishes `drafts` (carried by the `holder` document `holder_id`) and removes them from
    // its outbox, inside `work`.
    virtual void relay(UnitOfWork &work, OutboxHolder holder, const std::string &holder_id,
                       const EventDrafts &drafts) = 0;
    // Publishes drafts kept elsewhere (on audit entries): one step, an existing id is kept.
    virtual void publish(const EventDrafts &drafts) = 0;
    // Documents of kind `holder` carrying drafts made at or before `before_ms`.
    virtual std::vector<OutboxLeftover> leftovers(OutboxHolder holder, std::int64_t before_ms) = 0;
};

}  // namespace libstore
