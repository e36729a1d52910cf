// Where an order is in its life, and the moves between statuses.
#pragma once

#include <optional>
#include <string>

namespace libstore {

// pending and cancelling are the in-between states of placing and cancelling an order: an
// order is left in them only by a crash, and store_recover() finishes or rolls back the step.
enum class OrderStatus { pending, placed, paid, shipped, delivered, cancelling, cancelled };

const char *order_status_name(OrderStatus status);
std::optional<OrderStatus> parse_order_status(const std::string &name);

// The statuses an admin may move an order to from `from` (cancellation included).
bool is_legal_move(OrderStatus from, OrderStatus to);
// Whether an order in this status can still be cancelled (stock returned).
bool is_cancellable(OrderStatus status);
// Statuses that are shown to callers (the in-between ones are internal).
bool is_visible(OrderStatus status);

}  // namespace libstore
