// Placing orders from the cart, their history, status changes and cancellation, and recovery
// after a crash.
//
// Placing an order first reads the cart with its products: a line that cannot be bought now
// (line_availability.hpp) refuses the whole order with Error(conflict, "items") whose details
// name each such line, before anything is written. Then it is one all-or-nothing unit of work:
// (1) the cart's lines are taken, (2) the
// order is written as pending, (3) stock is taken line by line with conditional updates that
// also mark the product with the order, (3b) the cart's voucher, if any, is redeemed: one use
// taken from the voucher and one counted on the user's tally, each a conditional update that
// marks it with the order, (4) the order is marked placed with its price snapshot,
// (5) the marks are cleared. Where the store uses transactions the unit is one transaction and a
// failure anywhere leaves nothing behind. Otherwise the steps form a recorded sequence, so a
// crash at any point leaves enough behind to put things right: a line short of stock undoes the
// lines already taken (the marks say exactly what) and puts the cart back; recover() does the
// same for orders a crash left pending. Cancellation works the same way with "returned" marks,
// so stock is given back exactly once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/database.hpp"
#include "core/ports/event_outbox.hpp"
#include "core/ports/inventory_repository.hpp"
#include "core/ports/order_repository.hpp"
#include "core/ports/voucher_repository.hpp"
#include "core/value.hpp"

namespace libstore {

// Points between the steps of placing and cancelling an order, for crash tests.
enum class OrderStep {
    cart_taken,
    order_recorded,
    line_taken,  // after each line; `line` says which
    order_placed,
    cancel_started,
    line_returned,         // after each line; `line` says which
    voucher_redeemed,      // the voucher's use taken (its `redeemed` mark left)
    voucher_user_counted,  // the user's tally of it counted
    voucher_returned,      // a cancellation gave the use back (its `returned` marks left)
};

struct OrderPorts {
    Database &database;
    OrderRepository &orders;
    CartRepository &carts;
    InventoryRepository &inventory;
    Clock &clock;
    Authenticator &authenticator;
    AuditTrail &audit;
    // Where vouchers are redeemed; null: carts' vouchers are ignored (tests of other rules).
    VoucherRepository *vouchers = nullptr;
    // Where the orders' events are relayed; null: none are written (tests of other rules).
    EventOutbox *events = nullptr;
};

class OrderService {
  public:
    // Pending and cancelling orders older than this are taken to be abandoned by a crash.
    static constexpr std::int64_t kDefaultRecoveryAgeMs = 60'000;

    explicit OrderService(OrderPorts ports) : ports_(ports) {}

    struct Placement {
        Value order;
        bool created;  // false when an earlier request with the same idempotency key made it
    };
    Placement place(const Session &session, const std::optional<std::string> &idempotency_key);

    // {status?, user_id? (order managers), limit?, cursor?} -> the caller's orders newest first
    // (all orders for admins and staff holding manage_orders: "order managers").
    Value list(const Session &session, const Value &query);
    Value get(const Session &session, const std::string &order_id);
    Value status(const Session &session, const std::string &order_id);
    // {"items": [{type, status_from, status_to, actor_id, at}]} oldest first, for whoever may
    // see the order (see order_history.hpp for orders from before events were kept).
    Value events(const Session &session, const std::string &order_id);
    // Order managers: {status, payment_reference?}; only legal moves, each recorded as a
    // status_changed event with the move. Moving to "cancelled" returns the stock. Recorded in
    // the audit log. payment_reference goes only with "paid" and is kept on the order; the same
    // reference again is answered with the order and writes nothing (see payment_reference.hpp).
    Value change_status(const Session &session, const std::string &order_id, const Value &body);
    // The owner (or an order manager, recorded in the audit log) cancels a placed or paid order;
    // its stock is returned.
    Value cancel(const Session &session, const std::string &order_id);

    // Rolls back orders left pending and completes cancellations left half-done, if older than
    // `min_age_ms`, and clears marks of settled orders. Safe to run at any time, from any
    // process, as often as wanted. Returns {"orders_rolled_back", "cancellations_completed",
    // "marks_cleared"}.
    Value recover(std::int64_t min_age_ms = kDefaultRecoveryAgeMs);

    // Test-only: called at every OrderStep; a hook that throws simulates a crash there (an
    // exception that is not a libstore::Error skips all clean-up, as a crash would).
    using StepHook = std::function<void(OrderStep step, std::size_t line)>;
    void set_step_hook_for_testing(StepHook hook) { step_hook_ = std::move(hook); }

  private:
    // Throws the refusal of a cart holding lines that cannot be bought, unless `key` names an
    // order already placed (returned). Stock can still go between this read and the taking: the
    // conditional take stays the guard against a concurrent buyer.
    std::optional<Placement> refuse_unavailable_lines(const Session &caller,
                                                      const std::optional<std::string> &key);
    Placement place_in(UnitOfWork &work, const Session &caller,
                       const std::optional<std::string> &key);
    Order visible_order(const Session &caller, const std::string &order_id);
    // placed|paid -> cancelling (leaving `audit_mark`, keeping the `cancelled` event of
    // `actor_id`), then finish_cancel(), as one all-or-nothing unit; the caller has checked who
    // may.
    Value cancel_order(const Order &order, const std::string &actor_id,
                       const std::string &audit_mark);
    // cancel_order() recorded in the audit log under `manager`'s name.
    Value audited_cancel(const Session &manager, const Order &order);
    Value finish_cancel(UnitOfWork &work, const Order &order);
    // Takes the order's voucher use (and the user's) for `subtotal`; what it takes off.
    // Error(conflict, "voucher") when it no longer applies.
    // voucher.used_up joins `used_up` when this took the voucher's last use.
    OrderDiscount redeem_voucher(UnitOfWork &work, const Order &order, Cents subtotal,
                                 EventDrafts &used_up);
    // Undoes a redemption the order made, if it made one (recorded sequence only).
    void undo_voucher(UnitOfWork &work, const Order &order);
    // Puts back on the cart what take_for_checkout() took off it (recorded sequence only).
    void restore_cart(UnitOfWork &work, const Order &order, const std::vector<CartLine> &lines);
    // Clears the voucher marks the recorded sequence left, once they are no longer needed.
    void recover_voucher_marks(std::int64_t &cleared);
    // The event of `event` for the order's outbox (none without an outbox to relay it).
    EventDrafts history_drafts(const Order &order, const OrderEvent &event) const;
    // Publishes what a write pushed into the order's outbox (recover() does if this is cut short).
    void relay(UnitOfWork &work, const std::string &order_id, const EventDrafts &drafts);
    void step(OrderStep at, std::size_t line = 0) {
        if (step_hook_) {
            step_hook_(at, line);
        }
    }

    OrderPorts ports_;
    StepHook step_hook_;
};

}  // namespace libstore
