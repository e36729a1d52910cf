// An in-memory event store: relayed and published drafts become the feed in the order they
// arrive (ids 1, 2, ...), one event per draft id, as the MongoDB adapter keeps them.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "core/ports/event_store.hpp"

namespace libstore::testing {

class FakeEventStore final : public EventStore {
  public:
    // The drafts each relay() was given, by holder id (what it removed from that outbox).
    std::map<std::string, EventDrafts> relayed;
    std::vector<OutboxLeftover> left_over;  // what leftovers() answers

    std::vector<Event> read_after(std::int64_t after, std::int64_t limit) override {
        std::vector<Event> found;
        for (const auto &event : feed_) {
            if (event.id > after && static_cast<std::int64_t>(found.size()) < limit) {
                found.push_back(event);
            }
        }
        return found;
    }
    std::int64_t last_id() override { return static_cast<std::int64_t>(feed_.size()); }

    void relay(UnitOfWork &, OutboxHolder, const std::string &holder_id,
               const EventDrafts &drafts) override {
        auto &kept = relayed[holder_id];
        kept.insert(kept.end(), drafts.begin(), drafts.end());
        publish(drafts);
    }
    void publish(const EventDrafts &drafts) override {
        for (const auto &draft : drafts) {
            if (ids_.insert(draft.id).second) {
                feed_.push_back(Event{static_cast<std::int64_t>(feed_.size()) + 1, draft.type,
                                      draft.at_ms, draft.data});
            }
        }
    }
    std::vector<OutboxLeftover> leftovers(OutboxHolder holder, std::int64_t) override {
        std::vector<OutboxLeftover> found;
        for (const auto &leftover : left_over) {
            if (leftover.holder == holder) {
                found.push_back(leftover);
            }
        }
        return found;
    }

    const std::vector<Event> &feed() const { return feed_; }

  private:
    std::vector<Event> feed_;
    std::set<std::string> ids_;
};

}  // namespace libstore::testing
