// Port: where the audit log is kept.
//
// An entry is written in the same step as its change without a transaction: it is stored
// pending first, the change writes the entry's id as a mark into its target document (or
// deletes the target), and then the entry is committed and the mark removed. After a crash a
// pending entry tells by itself whether its change happened — its mark is in a target document,
// or its removed target is gone — so recovery commits or drops it (AuditTrail::recover).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_entry.hpp"

namespace libstore {

class AuditRepository {
  public:
    virtual ~AuditRepository() = default;

    // Stores `entry` as pending and returns the id given to it (the mark its change writes).
    virtual std::string begin(const AuditEntry &entry) = 0;
    // Makes the entry visible with its final target_id and summary, and removes its mark from
    // the target document, if any.
    virtual void commit(const AuditEntry &entry) = 0;
    // Removes a pending entry whose change did not happen, and its mark from the target
    // document if one carries it (a write may mark its target and then undo its change).
    virtual void drop(const AuditEntry &entry) = 0;

    // Pending entries begun at or before `before_ms`.
    virtual std::vector<AuditEntry> stale_pending(std::int64_t before_ms) = 0;
    // The id of the document of the entry's target_type that carries the entry's mark.
    virtual std::optional<std::string> marked_target(const AuditEntry &entry) = 0;
    // Whether the entry's target still exists.
    virtual bool target_exists(const AuditEntry &entry) = 0;

    // Committed entries matching `query`, newest first, at most `limit`.
    virtual std::vector<AuditEntry> list(const AuditQuery &query, std::int64_t limit) = 0;
};

}  // namespace libstore
