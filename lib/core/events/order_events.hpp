// The events of orders, and of what a placement used up (API.md "Events and webhooks"). Each
// OrderEvent of an order's history maps to one event: placed -> order.placed, status_changed ->
// order.status_changed, cancelled -> order.cancelled, written by the same write.
#pragma once

#include <string>

#include "core/events/event_draft.hpp"
#include "core/orders/order.hpp"

namespace libstore {

// The event of `event` in the history of `order` (the order as it is after the change):
// order.placed {the order as GET /orders/{id} shows it}; order.status_changed {order_id, user_id,
// status_from, status_to, payment_reference?}; order.cancelled {order_id, user_id, status_from}.
EventDraft order_history_event(const Order &order, const OrderEvent &event);

// variant.out_of_stock {product_id, variant_id, sku}: a placement took the variant's last unit.
EventDraft variant_out_of_stock_event(const std::string &product_id, const std::string &variant_id,
                                      const std::optional<std::string> &sku, std::int64_t at_ms);

// voucher.used_up {voucher_id, code}: a placement took the voucher's last use.
EventDraft voucher_used_up_event(const std::string &voucher_id, const std::string &code,
                                 std::int64_t at_ms);

}  // namespace libstore
