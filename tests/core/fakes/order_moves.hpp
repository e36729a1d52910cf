// What the in-memory order repositories do to an order they move, as the MongoDB adapter's one
// conditional update does: status, time, reference, pending event, appended event.
#pragma once

#include <algorithm>

#include "core/ports/order_repository.hpp"

namespace libstore::testing {

// False (and the order untouched) when it is in none of move.from.
inline bool apply_move(Order &order, const OrderMove &move) {
    if (std::find(move.from.begin(), move.from.end(), order.status) == move.from.end()) {
        return false;
    }
    order.status = move.to;
    order.updated_at_ms = move.now_ms;
    if (move.payment_reference) {
        order.payment_reference = move.payment_reference;
    }
    order.pending_event = move.pending_event;
    if (move.event) {
        order.events.push_back(*move.event);
    }
    return true;
}

}  // namespace libstore::testing
