// One entry of an order's history: placed, a status move, its cancellation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/orders/order_status.hpp"
#include "core/value.hpp"

namespace libstore {

enum class OrderEventType { placed, status_changed, cancelled };

const char *order_event_type_name(OrderEventType type);
std::optional<OrderEventType> parse_order_event_type(const std::string &name);

struct OrderEvent {
    OrderEventType type = OrderEventType::placed;
    std::optional<OrderStatus> status_from;  // none for `placed`
    OrderStatus status_to = OrderStatus::placed;
    // Who made the change. None only for a cancellation begun by a libstore that kept no
    // record of who began it, and completed by store_recover().
    std::optional<std::string> actor_id;
    std::int64_t at_ms = 0;
};

// {type, status_from, status_to, actor_id, at}
Value order_event_value(const OrderEvent &event);

}  // namespace libstore
