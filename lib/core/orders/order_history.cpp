#include "core/orders/order_history.hpp"

namespace libstore {

namespace {

std::vector<OrderEvent> recorded_history(const Order &order) {
    std::vector<OrderEvent> events;
    if (order.events.empty() || order.events.front().type != OrderEventType::placed) {
        OrderEvent placed;
        placed.type = OrderEventType::placed;
        placed.status_to = OrderStatus::placed;
        placed.actor_id = order.user_id;
        placed.at_ms = order.created_at_ms;
        events.push_back(placed);
    }
    events.insert(events.end(), order.events.begin(), order.events.end());
    return events;
}

}  // namespace

OrderEvent cancellation_event(const Order &order) {
    if (order.pending_event) {
        return *order.pending_event;
    }
    OrderEvent cancelled;
    cancelled.type = OrderEventType::cancelled;
    cancelled.status_from = recorded_history(order).back().status_to;
    cancelled.status_to = OrderStatus::cancelled;
    cancelled.at_ms = order.updated_at_ms;
    return cancelled;
}

std::vector<OrderEvent> shown_events(const Order &order) {
    std::vector<OrderEvent> events = recorded_history(order);
    if (order.status == OrderStatus::cancelling) {
        events.push_back(cancellation_event(order));
    }
    return events;
}

Value order_events_value(const Order &order) {
    Value::Array items;
    for (const auto &event : shown_events(order)) {
        items.push_back(order_event_value(event));
    }
    Value result = Value::object();
    result.set("items", Value(std::move(items)));
    return result;
}

}  // namespace libstore
