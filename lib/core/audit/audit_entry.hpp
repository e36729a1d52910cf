// One line of the audit log: who changed what, when (API.md "Roles and permissions").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/value.hpp"

namespace libstore {

struct AuditEntry {
    std::string id;  // 24-hex ObjectId string, given by the repository
    std::int64_t at_ms = 0;
    std::string actor_id;
    std::string action;       // "category.create", "user.role", ...
    std::string target_type;  // "category", "product", "order", "user", "voucher", "webhook"
    std::string target_id;    // empty until a created target has its id
    std::string summary;      // what changed, for a human reader
};

// Whether an action removes its target (its entry is settled by the target's absence rather
// than by a mark in it). Removing a part of the target ("product.image.delete") is not.
bool is_removal(const std::string &action);

// {id, at, actor_id, action, target_type, target_id, summary}
Value audit_entry_value(const AuditEntry &entry);

// Filters of GET /audit; the keyset position is (at_ms, id) in newest-first order.
struct AuditQuery {
    std::optional<std::string> actor_id;
    std::optional<std::string> action;
    std::optional<std::string> target_id;
    std::optional<std::int64_t> before_at_ms;
    std::optional<std::string> before_id;
    std::int64_t limit = 20;
};

// Reads {actor_id?, action?, target_id?, limit?, cursor?}; Error(invalid_argument) naming the
// bad field otherwise.
AuditQuery parse_audit_query(const Value &query);

}  // namespace libstore
