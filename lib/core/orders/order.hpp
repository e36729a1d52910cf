// An order: lines with the prices they were bought at, a total, and where it is in its life.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/variant.hpp"
#include "core/money.hpp"
#include "core/orders/order_event.hpp"
#include "core/orders/order_status.hpp"
#include "core/value.hpp"

namespace libstore {

struct OrderLine {
    std::string product_id;
    std::string variant_id;  // orders from before variants: the product's id
    std::string name;        // snapshot when placed, like the three below
    std::optional<std::string> sku;
    VariantOptions options;
    Cents unit_price_cents = 0;
    std::int64_t quantity = 0;
};

struct Order {
    std::string id;
    std::string user_id;
    std::vector<OrderLine> lines;
    Cents total_cents = 0;  // subtotal - discount
    // The voucher the cart held when it was taken (kept from the pending order on, so recovery
    // knows what to give back), and what it took off: snapshots from the moment it was placed.
    std::optional<std::string> voucher_id;
    std::optional<std::string> voucher_code;
    Cents discount_cents = 0;  // the subtotal shown is total + discount
    OrderStatus status = OrderStatus::pending;
    // The client's Idempotency-Key, if it sent one: the same key gives back the same order.
    std::optional<std::string> idempotency_key;
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
    // What the payment provider called the payment that moved the order to paid, if it said.
    std::optional<std::string> payment_reference;
    // The history, oldest first, each event written by the same write as its change (orders
    // written before events were kept have none: see order_history.hpp).
    std::vector<OrderEvent> events;
    // The event of a change under way — a cancellation between `cancelling` and `cancelled` —
    // kept from its first step so that whoever completes it (store_recover() too) records it.
    std::optional<OrderEvent> pending_event;
};

// What a placed order's voucher took off, written with its lines when it is marked placed.
struct OrderDiscount {
    Cents subtotal_cents = 0;
    Cents discount_cents = 0;
    std::optional<std::string> voucher_code;
};

// {id, user_id, items: [{product_id, variant_id, sku, options, name, unit_price, quantity,
//  line_total}], subtotal, discount, voucher_code, total_price,
//  status, payment_reference, created_at, updated_at}. The events are not part of it (orders stay
// small; GET /orders/{id}/events shows them).
Value order_value(const Order &order);

}  // namespace libstore
