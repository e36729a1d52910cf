// Writing the audit log: every write made by an admin or a staff user is recorded in the same
// step as the write (see ports/audit_repository.hpp for how). AuditLog reads it back.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/audit/audit_entry.hpp"
#include "core/ports/audit_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_outbox.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

// What a privileged write is about; `write` may fill in the target id of what it created and
// complete the summary.
struct AuditSubject {
    std::string action;
    std::string target_type;
    std::string target_id;
    std::string summary;
};

// Makes the change. `mark` must be written into the target document by the same single-document
// write that changes it (a removal needs none).
using AuditedWrite = std::function<void(const std::string &mark, AuditSubject &subject)>;

class AuditTrail {
  public:
    // `events`: where the entries' events are published (null: they are not kept).
    AuditTrail(AuditRepository &entries, Clock &clock, EventOutbox *events = nullptr)
        : entries_(entries), clock_(clock), events_(events) {}

    // Runs `write` recorded under `actor`'s name. A failure of `write` leaves no entry.
    void record(const Session &actor, AuditSubject subject, const AuditedWrite &write);
    // The same for a change that emits `event`: kept on the pending entry and published just
    // before the entry commits (so recover() publishes the events of the entries it commits).
    void record(const Session &actor, AuditSubject subject, AuditEvent event,
                const AuditedWrite &write);

    // Commits the pending entries of changes that happened and drops the others, for entries
    // begun at least `min_age_ms` ago. {"audit_entries_committed", "audit_entries_dropped"}.
    Value recover(std::int64_t min_age_ms);

  private:
    // Before the entry commits, so that a crash in between leaves the entry pending and
    // recover() publishes it again (the event's id, "audit:<entry id>", keeps it one event).
    void publish_event(const AuditEntry &entry);
    void record_entry(const Session &actor, AuditSubject subject, std::optional<AuditEvent> event,
                      const AuditedWrite &write);

    AuditRepository &entries_;
    Clock &clock_;
    EventOutbox *events_;
};

}  // namespace libstore
