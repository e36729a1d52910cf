// An order's history as callers see it (GET /orders/{id}/events).
#pragma once

#include <vector>

#include "core/orders/order.hpp"
#include "core/value.hpp"

namespace libstore {

// The `cancelled` event of a cancellation under way: the one its first step kept on the order,
// or, for a cancellation an older libstore began without keeping one, one from the status the
// history last shows, with no actor, at the order's last update.
OrderEvent cancellation_event(const Order &order);

// Oldest first. An order written before events were kept (or whose history starts later) shows
// a `placed` event made from its created_at and user_id first; a cancellation under way shows
// its `cancelled` event already, as the order itself shows `cancelled`.
std::vector<OrderEvent> shown_events(const Order &order);

// {"items": [event, ...]}
Value order_events_value(const Order &order);

}  // namespace libstore
