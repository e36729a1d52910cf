#include "core/events/order_events.hpp"

#include "core/events/event.hpp"

namespace libstore {

EventDraft order_history_event(const Order &order, const OrderEvent &event) {
    Value data = Value::object();
    switch (event.type) {
        case OrderEventType::placed:
            return new_event_draft(kEventOrderPlaced, event.at_ms, order_value(order));
        case OrderEventType::status_changed:
            data.set("order_id", order.id)
                .set("user_id", order.user_id)
                .set("status_from",
                     event.status_from ? Value(order_status_name(*event.status_from)) : Value())
                .set("status_to", order_status_name(event.status_to));
            if (event.status_to == OrderStatus::paid && order.payment_reference) {
                data.set("payment_reference", *order.payment_reference);
            }
            return new_event_draft(kEventOrderStatusChanged, event.at_ms, std::move(data));
        case OrderEventType::cancelled:
            data.set("order_id", order.id)
                .set("user_id", order.user_id)
                .set("status_from",
                     event.status_from ? Value(order_status_name(*event.status_from)) : Value());
            return new_event_draft(kEventOrderCancelled, event.at_ms, std::move(data));
    }
    return new_event_draft(kEventOrderPlaced, event.at_ms, order_value(order));
}

EventDraft variant_out_of_stock_event(const std::string &product_id, const std::string &variant_id,
                                      const std::optional<std::string> &sku, std::int64_t at_ms) {
    Value data = Value::object();
    data.set("product_id", product_id)
        .set("variant_id", variant_id)
        .set("sku", sku ? Value(*sku) : Value());
    return new_event_draft(kEventVariantOutOfStock, at_ms, std::move(data));
}

EventDraft voucher_used_up_event(const std::string &voucher_id, const std::string &code,
                                 std::int64_t at_ms) {
    Value data = Value::object();
    data.set("voucher_id", voucher_id).set("code", code);
    return new_event_draft(kEventVoucherUsedUp, at_ms, std::move(data));
}

}  // namespace libstore
