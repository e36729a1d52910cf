#include "core/orders/order_status.hpp"

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

}  // namespace libstore
