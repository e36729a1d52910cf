// An order: lines with the prices they were bought at, a total, and where it is in its life.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/variant.hpp"
#include "core/money.hpp"
#include "core/value.hpp"

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
};

// What a placed order's voucher took off, written with its lines when it is marked placed.
struct OrderDiscount {
    Cents subtotal_cents = 0;
    Cents discount_cents = 0;
    std::optional<std::string> voucher_code;
};

// {id, user_id, items: [{product_id, variant_id, sku, options, name, unit_price, quantity,
//  line_total}], subtotal, discount, voucher_code, total_price,
//  status, created_at, updated_at}
Value order_value(const Order &order);

}  // namespace libstore
