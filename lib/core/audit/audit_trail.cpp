#include "core/audit/audit_trail.hpp"

#include "core/error.hpp"

namespace libstore {

void AuditTrail::record(const Session &actor, AuditSubject subject, const AuditedWrite &write) {
    record_entry(actor, std::move(subject), std::nullopt, write);
}

void AuditTrail::record(const Session &actor, AuditSubject subject, AuditEvent event,
                        const AuditedWrite &write) {
    record_entry(actor, std::move(subject), std::move(event), write);
}

void AuditTrail::record_entry(const Session &actor, AuditSubject subject,
                              std::optional<AuditEvent> event, const AuditedWrite &write) {
    AuditEntry entry;
    entry.at_ms = clock_.now_ms();
    entry.actor_id = actor.user_id;
    entry.action = subject.action;
    entry.target_type = subject.target_type;
    entry.target_id = subject.target_id;
    entry.summary = subject.summary;
    entry.event = std::move(event);
    entry.id = entries_.begin(entry);
    try {
        write(entry.id, subject);
    } catch (...) {
        entry.target_id = subject.target_id;
        try {
            entries_.drop(entry);
        } catch (const Error &) {
            // Left pending: recovery drops it, since its change left no mark.
        }
        throw;
    }
    entry.target_id = subject.target_id;
    entry.summary = subject.summary;
    publish_event(entry);
    entries_.commit(entry);
}

void AuditTrail::publish_event(const AuditEntry &entry) {
    if (events_ == nullptr || !entry.event) {
        return;
    }
    EventDraft draft;
    draft.id = "audit:" + entry.id;
    draft.type = entry.event->type;
    draft.at_ms = entry.at_ms;
    draft.data.set(entry.target_type + "_id", entry.target_id);
    for (const auto &[key, value] : entry.event->data.as_object()) {
        draft.data.set(key, value);
    }
    events_->publish({draft});
}

Value AuditTrail::recover(std::int64_t min_age_ms) {
    std::int64_t committed = 0;
    std::int64_t dropped = 0;
    for (AuditEntry entry : entries_.stale_pending(clock_.now_ms() - min_age_ms)) {
        bool happened;
        if (is_removal(entry.action)) {
            happened = !entries_.target_exists(entry);
        } else {
            auto target = entries_.marked_target(entry);
            happened = target.has_value();
            if (target) {
                entry.target_id = *target;
            }
        }
        if (happened) {
            publish_event(entry);
            entries_.commit(entry);
            ++committed;
        } else {
            entries_.drop(entry);
            ++dropped;
        }
    }
    Value report = Value::object();
    report.set("audit_entries_committed", committed).set("audit_entries_dropped", dropped);
    return report;
}

}  // namespace libstore
