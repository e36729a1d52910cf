// The payment provider's reference on the move to paid, and what a repeated move means.
#pragma once

#include <optional>
#include <string>

#include "core/orders/order.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

// The body's payment_reference: 1 to 255 visible ASCII characters (400 naming the field
// otherwise); nullopt when absent or null.
std::optional<std::string> read_payment_reference(const ObjectReader &body);

// How a move to paid with `reference` meets `order`: a replay (true: answer the order as it
// is and write nothing) when the order carries that reference already, whatever its status
// now — a provider's webhook may come back after the order shipped, or was cancelled; a 409
// (field payment_reference) when it was paid otherwise; false when the move is to be tried.
bool is_payment_replay(const Order &order, const std::string &reference);

}  // namespace libstore
