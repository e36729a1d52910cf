// The events feed and the outbox relay over MongoDB: the `events` collection.
//
// Published events are stored with `unsequenced: true` and no `seq`: relays finish in any order,
// so the feed's ids are not given when events are written (a shared counter there would
// serialize every checkout in a transaction) but by a sequencer each read runs first. It takes
// up to 1000 unsequenced events, reads the highest `seq` and gives them max+1, max+2, ... with
// one conditional update each, stopping at the first that fails (a duplicate `seq`: another
// reader is sequencing; no match: another reader took that event). So a `seq` is only ever given
// right after the one below it exists: the given ones are always 1..m, and an event sequenced
// later has a higher one than any seen. A read returns the run of `seq > after` up to its first
// gap (an entry still being indexed; the next read gets it).
//
// Costs in round trips: an idle read_after() or last_id() 2; with k events to sequence, k + 3.
// A relay 2 (one insert of all drafts, one $pull); publish() 1.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/event_store.hpp"

namespace libstore::mongo {

class MongoEventStore final : public EventStore {
  public:
    static constexpr std::int64_t kSequencingBatch = 1000;

    explicit MongoEventStore(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::vector<Event> read_after(std::int64_t after, std::int64_t limit) override;
    std::int64_t last_id() override;

    void relay(UnitOfWork &work, OutboxHolder holder, const std::string &holder_id,
               const EventDrafts &drafts) override;
    void publish(const EventDrafts &drafts) override;
    std::vector<OutboxLeftover> leftovers(OutboxHolder holder, std::int64_t before_ms) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
