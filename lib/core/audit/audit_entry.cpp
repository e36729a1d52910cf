#include "core/audit/audit_entry.hpp"

#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/page_cursor.hpp"
#include "core/timestamp.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

bool is_removal(const std::string &action) {
    const std::string suffix = ".delete";
    // "product.image.delete" deletes a part of its target: an update that leaves a mark.
    bool of_a_part = action.find('.') != action.rfind('.');
    return !of_a_part && action.size() > suffix.size() &&
           action.compare(action.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Value audit_entry_value(const AuditEntry &entry) {
    Value value = Value::object();
    value.set("id", entry.id)
        .set("at", format_rfc3339(entry.at_ms))
        .set("actor_id", entry.actor_id)
        .set("action", entry.action)
        .set("target_type", entry.target_type)
        .set("target_id", entry.target_id.empty() ? Value(nullptr) : Value(entry.target_id))
        .set("summary", entry.summary);
    return value;
}

AuditQuery parse_audit_query(const Value &query) {
    ObjectReader reader(query, {"actor_id", "action", "target_id", "limit", "cursor"});
    AuditQuery parsed;
    if (auto actor = reader.optional_string("actor_id", {1, 64})) {
        if (!is_object_id(*actor)) {
            throw_invalid("actor_id", "actor_id must be a user id");
        }
        parsed.actor_id = *actor;
    }
    if (auto action = reader.optional_string("action", {1, 64})) {
        parsed.action = *action;
    }
    if (auto target = reader.optional_string("target_id", {1, 64})) {
        if (!is_object_id(*target)) {
            throw_invalid("target_id", "target_id must be an id");
        }
        parsed.target_id = *target;
    }
    parsed.limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 4096})) {
        TimeIdPosition position = decode_time_id_cursor(*cursor);
        parsed.before_at_ms = position.at_ms;
        parsed.before_id = position.id;
    }
    return parsed;
}

}  // namespace libstore
