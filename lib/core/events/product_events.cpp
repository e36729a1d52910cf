#include "core/events/product_events.hpp"

#include "core/events/event.hpp"

namespace libstore {

AuditEvent product_created_event() {
    return AuditEvent{kEventProductCreated, Value::object()};
}

AuditEvent product_deleted_event() {
    return AuditEvent{kEventProductDeleted, Value::object()};
}

AuditEvent product_updated_event(const std::vector<std::string> &fields) {
    Value names = Value::array();
    for (const auto &field : fields) {
        names.push_back(field);
    }
    Value data = Value::object();
    data.set("fields", std::move(names));
    return AuditEvent{kEventProductUpdated, std::move(data)};
}

std::vector<std::string> changed_fields(const Value &changes) {
    std::vector<std::string> fields;
    if (changes.is_object()) {
        for (const auto &[key, value] : changes.as_object()) {
            (void)value;
            fields.push_back(key);
        }
    }
    return fields;
}

}  // namespace libstore
