#include "core/audit/audit_log.hpp"

#include "core/page_cursor.hpp"

namespace libstore {

Value AuditLog::list(const Session &session, const Value &query) {
    require_permission(authenticator_.recheck(session), Permission::view_audit);
    AuditQuery parsed = parse_audit_query(query);
    auto found = entries_.list(parsed, parsed.limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > parsed.limit) {
        found.resize(static_cast<std::size_t>(parsed.limit));
        next_cursor = encode_time_id_cursor(found.back().at_ms, found.back().id);
    }
    Value::Array items;
    items.reserve(found.size());
    for (const auto &entry : found) {
        items.push_back(audit_entry_value(entry));
    }
    return page_value(std::move(items), next_cursor);
}

}  // namespace libstore
