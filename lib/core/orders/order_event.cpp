#include "core/orders/order_event.hpp"

#include "core/timestamp.hpp"

namespace libstore {

const char *order_event_type_name(OrderEventType type) {
    switch (type) {
        case OrderEventType::placed:
            return "placed";
        case OrderEventType::status_changed:
            return "status_changed";
        case OrderEventType::cancelled:
            return "cancelled";
    }
    return "placed";
}

std::optional<OrderEventType> parse_order_event_type(const std::string &name) {
    for (auto type :
         {OrderEventType::placed, OrderEventType::status_changed, OrderEventType::cancelled}) {
        if (name == order_event_type_name(type)) {
            return type;
        }
    }
    return std::nullopt;
}

Value order_event_value(const OrderEvent &event) {
    Value value = Value::object();
    value.set("type", order_event_type_name(event.type))
        .set("status_from",
             event.status_from ? Value(order_status_name(*event.status_from)) : Value())
        .set("status_to", order_status_name(event.status_to))
        .set("actor_id", event.actor_id ? Value(*event.actor_id) : Value())
        .set("at", format_rfc3339(event.at_ms));
    return value;
}

}  // namespace libstore
