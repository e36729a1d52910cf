#include "core/orders/payment_reference.hpp"

#include "core/error.hpp"

namespace libstore {

std::optional<std::string> read_payment_reference(const ObjectReader &body) {
    auto reference = body.optional_string("payment_reference", {1, 255});
    if (reference) {
        for (char c : *reference) {
            if (c < 0x21 || c > 0x7e) {
                throw_invalid("payment_reference",
                              "payment_reference may contain only visible ASCII characters");
            }
        }
    }
    return reference;
}

bool is_payment_replay(const Order &order, const std::string &reference) {
    if (order.payment_reference == reference) {
        return true;
    }
    bool paid = order.payment_reference || order.status == OrderStatus::paid ||
                order.status == OrderStatus::shipped || order.status == OrderStatus::delivered;
    if (paid) {
        throw_conflict("payment_reference",
                       order.payment_reference
                           ? "the order was paid with another payment_reference"
                           : "the order was paid already, without a payment_reference");
    }
    return false;
}

}  // namespace libstore
