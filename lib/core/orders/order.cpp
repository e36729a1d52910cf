#include "core/orders/order.hpp"

#include "core/timestamp.hpp"

namespace libstore {

const char *order_status_name(OrderStatus status) {
    switch (status) {
        case OrderStatus::pending:
            return "pending";
        case OrderStatus::placed:
            return "placed";
        case OrderStatus::paid:
            return "paid";
        case OrderStatus::shipped:
            return "shipped";
        case OrderStatus::delivered:
            return "delivered";
        case OrderStatus::cancelling:
            return "cancelling";
        case OrderStatus::cancelled:
            return "cancelled";
    }
    return "pending";
}

std::optional<OrderStatus> parse_order_status(const std::string &name) {
    for (auto status :
         {OrderStatus::pending, OrderStatus::placed, OrderStatus::paid, OrderStatus::shipped,
          OrderStatus::delivered, OrderStatus::cancelling, OrderStatus::cancelled}) {
        if (name == order_status_name(status)) {
            return status;
        }
    }
    return std::nullopt;
}

bool is_legal_move(OrderStatus from, OrderStatus to) {
    switch (to) {
        case OrderStatus::paid:
            return from == OrderStatus::placed;
        case OrderStatus::shipped:
            return from == OrderStatus::paid;
        case OrderStatus::delivered:
            return from == OrderStatus::shipped;
        case OrderStatus::cancelled:
            return is_cancellable(from);
        default:
            return false;
    }
}

bool is_cancellable(OrderStatus status) {
    return status == OrderStatus::placed || status == OrderStatus::paid;
}

bool is_visible(OrderStatus status) {
    return status != OrderStatus::pending && status != OrderStatus::cancelling;
}

Value order_value(const Order &order) {
    Value::Array items;
    for (const auto &line : order.lines) {
        Value options = Value::object();
        for (const auto &[name, value] : line.options) {
            options.set(name, value);
        }
        Value item = Value::object();
        item.set("product_id", line.product_id)
            .set("variant_id", line.variant_id)
            .set("sku", line.sku ? Value(*line.sku) : Value())
            .set("options", std::move(options))
            .set("name", line.name)
            .set("unit_price", money_value(line.unit_price_cents))
            .set("quantity", line.quantity)
            .set("line_total", money_value(line.unit_price_cents * line.quantity));
        items.push_back(std::move(item));
    }
    Value value = Value::object();
    // A cancellation under way is reported as cancelled: its stock is being returned.
    OrderStatus shown =
        order.status == OrderStatus::cancelling ? OrderStatus::cancelled : order.status;
    value.set("id", order.id)
        .set("user_id", order.user_id)
        .set("items", Value(std::move(items)))
        .set("subtotal", money_value(order.total_cents + order.discount_cents))
        .set("discount", money_value(order.discount_cents))
        .set("voucher_code", order.voucher_code ? Value(*order.voucher_code) : Value())
        .set("total_price", money_value(order.total_cents))
        .set("status", order_status_name(shown))
        .set("created_at", format_rfc3339(order.created_at_ms))
        .set("updated_at", format_rfc3339(order.updated_at_ms));
    return value;
}

}  // namespace libstore
