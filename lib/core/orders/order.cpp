#include "core/orders/order.hpp"

#include "core/timestamp.hpp"

namespace libstore {

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
        .set("payment_reference",
             order.payment_reference ? Value(*order.payment_reference) : Value())
        .set("created_at", format_rfc3339(order.created_at_ms))
        .set("updated_at", format_rfc3339(order.updated_at_ms));
    return value;
}

}  // namespace libstore
