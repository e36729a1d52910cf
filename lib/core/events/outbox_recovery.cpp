#include "core/events/outbox_recovery.hpp"

namespace libstore {

Value relay_leftover_events(Database &database, EventOutbox &outbox, std::int64_t now_ms,
                            std::int64_t min_age_ms) {
    std::int64_t relayed = 0;
    for (auto holder : {OutboxHolder::user, OutboxHolder::order}) {
        for (const auto &leftover : outbox.leftovers(holder, now_ms - min_age_ms)) {
            database.run_steps([&](UnitOfWork &work) {
                outbox.relay(work, leftover.holder, leftover.holder_id, leftover.drafts);
            });
            relayed += static_cast<std::int64_t>(leftover.drafts.size());
        }
    }
    Value report = Value::object();
    report.set("events_relayed", relayed);
    return report;
}

}  // namespace libstore
