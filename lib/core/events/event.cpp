#include "core/events/event.hpp"

#include <array>

#include "core/timestamp.hpp"

namespace libstore {

bool is_event_type(const std::string &type) {
    static const std::array<const char *, 9> kTypes = {
        kEventUserRegistered, kEventOrderPlaced,       kEventOrderStatusChanged,
        kEventOrderCancelled, kEventProductCreated,    kEventProductUpdated,
        kEventProductDeleted, kEventVariantOutOfStock, kEventVoucherUsedUp};
    for (const char *known : kTypes) {
        if (type == known) {
            return true;
        }
    }
    return false;
}

Value event_value(const Event &event) {
    Value shown = Value::object();
    shown.set("id", event.id)
        .set("type", event.type)
        .set("at", format_rfc3339(event.at_ms))
        .set("data", event.data);
    return shown;
}

}  // namespace libstore
