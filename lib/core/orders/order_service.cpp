#include "core/orders/order_service.hpp"

#include <cstdlib>
#include <map>

#include "core/cart/line_availability.hpp"
#include "core/error.hpp"
#include "core/events/new_event_id.hpp"
#include "core/events/order_events.hpp"
#include "core/object_id.hpp"
#include "core/orders/order_history.hpp"
#include "core/orders/payment_reference.hpp"
#include "core/page_cursor.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

std::string checked_idempotency_key(const std::string &key) {
    if (key.empty() || key.size() > 255) {
        throw_invalid("idempotency_key", "Idempotency-Key must be 1 to 255 characters");
    }
    for (char c : key) {
        if (c < 0x21 || c > 0x7e) {
            throw_invalid("idempotency_key",
                          "Idempotency-Key may contain only visible ASCII characters");
        }
    }
    return key;
}

std::vector<CartLine> cart_lines_of(const Order &order) {
    std::vector<CartLine> lines;
    for (const auto &line : order.lines) {
        lines.push_back(CartLine{line.product_id, line.variant_id, line.quantity});
    }
    return lines;
}

std::vector<std::string> product_ids_of(const Order &order) {
    std::vector<std::string> ids;
    for (const auto &line : order.lines) {
        ids.push_back(line.product_id);
    }
    return ids;
}

// The answer to a repeated request: the order the first one made.
OrderService::Placement earlier_placement(const Order &order) {
    if (order.status == OrderStatus::pending) {
        throw_conflict("idempotency_key",
                       "an order with this Idempotency-Key is still being placed; retry shortly");
    }
    return OrderService::Placement{order_value(order), false};
}

// The orders marks name, each read once per sweep (many marks name one order).
class OrdersSeen {
  public:
    OrdersSeen(OrderRepository &orders, UnitOfWork &work) : orders_(orders), work_(work) {}
    const std::optional<Order> &operator()(const std::string &id) {
        auto it = seen_.find(id);
        if (it == seen_.end()) {
            it = seen_.emplace(id, orders_.find(work_, id)).first;
        }
        return it->second;
    }

  private:
    OrderRepository &orders_;
    UnitOfWork &work_;
    std::map<std::string, std::optional<Order>> seen_;
};

// Ends a placement whose Idempotency-Key an earlier order holds: thrown out of the unit of work
// (so a transaction is aborted), caught by place(), which answers with that order.
struct IdempotencyKeyTaken {};

// Ends an audited status move another move overtook (so its audit entry is dropped), caught by
// change_status(), which answers as if it had come after that move.
struct StatusOvertaken {};

// placed -> paid -> (shipped: no longer cancellable): a cancellation meets at most one move.
constexpr int kCancelAttempts = 3;

OrderEvent event_of(OrderEventType type, OrderStatus from, OrderStatus to,
                    const std::string &actor_id, std::int64_t at_ms) {
    OrderEvent event;
    event.type = type;
    event.status_from = from;
    event.status_to = to;
    event.actor_id = actor_id;
    event.at_ms = at_ms;
    return event;
}

}  // namespace

OrderService::Placement OrderService::place(const Session &session,
                                            const std::optional<std::string> &idempotency_key) {
    std::optional<std::string> key;
    if (idempotency_key) {
        key = checked_idempotency_key(*idempotency_key);
    }
    Session caller = ports_.authenticator.recheck(session);
    if (auto earlier = refuse_unavailable_lines(caller, key)) {
        return std::move(*earlier);
    }
    std::optional<Placement> placement;
    try {
        ports_.database.run_all_or_nothing(
            [&](UnitOfWork &work) { placement = place_in(work, caller, key); });
    } catch (const IdempotencyKeyTaken &) {
        std::optional<Order> earlier;
        ports_.database.run_steps([&](UnitOfWork &work) {
            earlier = ports_.orders.find_by_idempotency_key(work, caller.user_id, *key);
        });
        if (!earlier) {
            throw_conflict("idempotency_key", "Idempotency-Key conflict; retry");
        }
        return earlier_placement(*earlier);
    }
    return std::move(*placement);
}

std::optional<OrderService::Placement> OrderService::refuse_unavailable_lines(
    const Session &caller, const std::optional<std::string> &key) {
    CartSnapshot snapshot = ports_.carts.load(caller.user_id);
    Value::Array problems;
    for (const auto &line : snapshot.cart.lines) {
        LineAvailability availability = line_availability(line, snapshot.line_products);
        if (!availability.available()) {
            problems.push_back(line_problem_value(line, availability));
        }
    }
    if (problems.empty()) {
        return std::nullopt;
    }
    // A retry of a request that went through, sent after the cart was filled again, is still
    // answered with its order.
    if (key) {
        std::optional<Order> earlier;
        ports_.database.run_steps([&](UnitOfWork &work) {
            earlier = ports_.orders.find_by_idempotency_key(work, caller.user_id, *key);
        });
        if (earlier) {
            return earlier_placement(*earlier);
        }
    }
    std::string message = std::to_string(problems.size()) +
                          (problems.size() == 1 ? " cart line" : " cart lines") +
                          " cannot be bought now (";
    constexpr std::size_t kNamed = 5;  // the details name them all
    for (std::size_t i = 0; i < problems.size() && i < kNamed; ++i) {
        message += (i == 0 ? "" : ", ") + problems[i].find("product_id")->as_string() + ": " +
                   problems[i].find("problem")->as_string();
    }
    if (problems.size() > kNamed) {
        message += ", ...";
    }
    message += "); nothing was ordered: change or remove them (pruning the cart drops them all)";
    throw Error(ErrorCode::conflict, "items", message).with_details(Value(std::move(problems)));
}

OrderService::Placement OrderService::place_in(UnitOfWork &work, const Session &caller,
                                               const std::optional<std::string> &key) {
    auto &orders = ports_.orders;
    auto &inventory = ports_.inventory;
    std::int64_t now = ports_.clock.now_ms();

    TakenCart taken = ports_.carts.take_for_checkout(work, caller.user_id, CheckoutMark{key, now});
    if (taken.lines.empty()) {
        // A retry whose first attempt succeeded finds the cart it emptied, and its order; one
        // racing its first attempt finds the cart emptied under its key a moment ago.
        if (key) {
            if (auto earlier = orders.find_by_idempotency_key(work, caller.user_id, *key)) {
                return earlier_placement(*earlier);
            }
            const auto &last = taken.last_checkout;
            if (last && last->idempotency_key == key && now - last->at_ms < kDefaultRecoveryAgeMs) {
                throw_conflict("idempotency_key",
                               "an order with this Idempotency-Key is still "
                               "being placed; retry shortly");
            }
        }
        throw_invalid("", "the cart is empty");
    }
    const std::vector<CartLine> &cart_lines = taken.lines;
    step(OrderStep::cart_taken);

    Order order;
    order.user_id = caller.user_id;
    order.idempotency_key = key;
    order.status = OrderStatus::pending;
    order.created_at_ms = order.updated_at_ms = now;
    for (const auto &line : cart_lines) {
        OrderLine ordered;
        ordered.product_id = line.product_id;
        ordered.variant_id = line.variant_id;
        ordered.quantity = line.quantity;
        order.lines.push_back(std::move(ordered));
    }
    if (ports_.vouchers != nullptr) {
        order.voucher_id = taken.voucher_id;
    }
    std::optional<std::string> id = orders.insert_pending(work, order);
    if (!id) {
        if (!work.all_or_nothing()) {
            restore_cart(work, order, cart_lines);
        }
        throw IdempotencyKeyTaken{};
    }
    order.id = *id;
    step(OrderStep::order_recorded);

    std::size_t taken_lines = 0;
    EventDrafts used_up;  // variants and the voucher this placement took the last of
    EventDrafts outbox;
    try {
        for (auto &line : order.lines) {
            auto product =
                inventory.take(work, line.product_id, line.variant_id, line.quantity, order.id);
            const Variant *variant = product ? find_variant(*product, line.variant_id) : nullptr;
            if (variant == nullptr) {
                throw_conflict("product_id", "not enough stock of product " + line.product_id +
                                                 " for " + std::to_string(line.quantity) +
                                                 " item(s); nothing was ordered");
            }
            line.name = product->name;
            line.sku = variant->sku;
            line.options = variant->options;
            line.unit_price_cents = variant->price_cents;
            order.total_cents += variant->price_cents * line.quantity;
            if (ports_.events != nullptr && variant->stock == 0) {
                used_up.push_back(variant_out_of_stock_event(line.product_id, line.variant_id,
                                                             variant->sku, now));
            }
            ++taken_lines;
            step(OrderStep::line_taken, taken_lines - 1);
        }
        OrderDiscount discount{order.total_cents, 0, std::nullopt};
        if (order.voucher_id) {
            discount = redeem_voucher(work, order, order.total_cents, used_up);
            order.total_cents -= discount.discount_cents;
            order.discount_cents = discount.discount_cents;
            order.voucher_code = discount.voucher_code;
        }
        order.updated_at_ms = ports_.clock.now_ms();
        OrderEvent placed;
        placed.type = OrderEventType::placed;
        placed.status_to = OrderStatus::placed;
        placed.actor_id = caller.user_id;
        placed.at_ms = order.created_at_ms;  // the order's time, as orders before events show
        // The order.placed event shows the order as it is once placed; the others go with it, so
        // a placement that rolls back emits none.
        Order shown = order;
        shown.status = OrderStatus::placed;
        outbox = history_drafts(shown, placed);
        for (auto &draft : used_up) {
            // Ids made after order.placed's: the feed sequences one relay's drafts in id order.
            draft.id = new_event_id(draft.at_ms);
            outbox.push_back(std::move(draft));
        }
        if (!orders.mark_placed(work, order.id, order.lines, order.total_cents, order.updated_at_ms,
                                placed, discount, outbox)) {
            throw Error(ErrorCode::internal, "", "order vanished while being placed");
        }
    } catch (const Error &) {
        // A transaction takes everything back by itself. On the recorded sequence, undo exactly
        // what was taken; whatever this cannot finish (the database went away), recover() will,
        // from the pending order and the marks.
        if (!work.all_or_nothing()) {
            try {
                for (std::size_t i = 0; i < taken_lines; ++i) {
                    inventory.undo_take(work, order.lines[i].product_id, order.lines[i].variant_id,
                                        order.lines[i].quantity, order.id);
                }
                undo_voucher(work, order);
                orders.remove_pending(work, order.id);
                restore_cart(work, order, cart_lines);
            } catch (const Error &) {
            }
        }
        throw;
    }
    order.status = OrderStatus::placed;
    step(OrderStep::order_placed);
    relay(work, order.id, outbox);
    inventory.clear_marks(work, order.id, product_ids_of(order), StockMark::taken);
    if (order.voucher_id) {
        ports_.vouchers->clear_marks(work, *order.voucher_id, order.user_id, order.id,
                                     VoucherMark::redeemed);
    }
    return Placement{order_value(order), true};
}

OrderDiscount OrderService::redeem_voucher(UnitOfWork &work, const Order &order, Cents subtotal,
                                           EventDrafts &used_up) {
    auto &vouchers = *ports_.vouchers;
    const std::string &voucher_id = *order.voucher_id;
    auto voucher = vouchers.redeem(work, voucher_id,
                                   RedemptionCheck{ports_.clock.now_ms(), subtotal}, order.id);
    if (!voucher) {
        throw_conflict("voucher",
                       "the voucher on the cart no longer applies (expired, used up, switched "
                       "off, deleted, or the subtotal is under its minimum); nothing was "
                       "ordered: remove it from the cart or try again");
    }
    step(OrderStep::voucher_redeemed);
    if (!vouchers.count_user_use(work, voucher_id, order.user_id, voucher->max_uses_per_user,
                                 order.id)) {
        throw_conflict("voucher",
                       voucher_refusal_message(*voucher, VoucherRefusal::user_limit_reached) +
                           "; nothing was ordered");
    }
    step(OrderStep::voucher_user_counted);
    if (ports_.events != nullptr && voucher->max_uses && voucher->uses >= *voucher->max_uses) {
        used_up.push_back(voucher_used_up_event(voucher_id, voucher->code, ports_.clock.now_ms()));
    }
    return OrderDiscount{subtotal, voucher_discount(*voucher, subtotal), voucher->code};
}

void OrderService::undo_voucher(UnitOfWork &work, const Order &order) {
    if (order.voucher_id && ports_.vouchers != nullptr) {
        ports_.vouchers->undo_redeem(work, *order.voucher_id, order.user_id, order.id);
    }
}

void OrderService::restore_cart(UnitOfWork &work, const Order &order,
                                const std::vector<CartLine> &lines) {
    ports_.carts.restore(work, order.user_id, lines);
    if (order.voucher_id) {
        ports_.carts.restore_voucher(work, order.user_id, *order.voucher_id);
    }
}

Order OrderService::visible_order(const Session &caller, const std::string &order_id) {
    require_object_id(order_id, "order");
    std::optional<Order> order;
    ports_.database.run_steps(
        [&](UnitOfWork &work) { order = ports_.orders.find(work, order_id); });
    if (!order || order->status == OrderStatus::pending ||
        (!caller.may(Permission::manage_orders) && order->user_id != caller.user_id)) {
        throw_not_found("order not found");
    }
    return *order;
}

Value OrderService::get(const Session &session, const std::string &order_id) {
    Session caller = ports_.authenticator.recheck(session);
    return order_value(visible_order(caller, order_id));
}

Value OrderService::status(const Session &session, const std::string &order_id) {
    Session caller = ports_.authenticator.recheck(session);
    Value shown = order_value(visible_order(caller, order_id));
    Value result = Value::object();
    result.set("status", *shown.find("status"));
    return result;
}

Value OrderService::list(const Session &session, const Value &query) {
    Session caller = ports_.authenticator.recheck(session);
    ObjectReader reader(query, {"status", "user_id", "limit", "cursor"});
    OrderQuery parsed;
    if (auto user_id = reader.optional_string("user_id", {1, 64})) {
        if (!caller.may(Permission::manage_orders)) {
            throw_forbidden("listing other users' orders requires the manage_orders permission");
        }
        if (!is_object_id(*user_id)) {
            throw_invalid("user_id", "user_id must be a user id");
        }
        parsed.user_id = *user_id;
    }
    if (!caller.may(Permission::manage_orders)) {
        parsed.user_id = caller.user_id;
    }
    if (auto status = reader.optional_string("status", {1, 32})) {
        auto known = parse_order_status(*status);
        if (!known || !is_visible(*known)) {
            throw_invalid("status", "unknown order status '" + *status + "'");
        }
        parsed.status = known;
    }
    std::int64_t limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 4096})) {
        TimeIdPosition position = decode_time_id_cursor(*cursor);
        parsed.before_created_at_ms = position.at_ms;
        parsed.before_id = position.id;
    }
    auto found = ports_.orders.list(parsed, limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > limit) {
        found.resize(static_cast<std::size_t>(limit));
        next_cursor = encode_time_id_cursor(found.back().created_at_ms, found.back().id);
    }
    Value::Array items;
    for (const auto &order : found) {
        items.push_back(order_value(order));
    }
    return page_value(std::move(items), next_cursor);
}

Value OrderService::events(const Session &session, const std::string &order_id) {
    Session caller = ports_.authenticator.recheck(session);
    return order_events_value(visible_order(caller, order_id));
}

Value OrderService::finish_cancel(UnitOfWork &work, const Order &order) {
    std::size_t index = 0;
    for (const auto &line : order.lines) {
        ports_.inventory.give_back(work, line.product_id, line.variant_id, line.quantity, order.id);
        step(OrderStep::line_returned, index++);
    }
    if (order.voucher_id && ports_.vouchers != nullptr) {
        ports_.vouchers->give_back(work, *order.voucher_id, order.user_id, order.id);
        step(OrderStep::voucher_returned);
    }
    // The cancellation's event goes with its last step, whoever takes it (recover() too).
    OrderMove move;
    move.from = {OrderStatus::cancelling};
    move.to = OrderStatus::cancelled;
    move.now_ms = ports_.clock.now_ms();
    move.event = cancellation_event(order);
    move.outbox = history_drafts(order, *move.event);
    auto cancelled = ports_.orders.transition(work, order.id, move);
    if (cancelled) {
        relay(work, order.id, move.outbox);
    }
    ports_.inventory.clear_marks(work, order.id, product_ids_of(order), StockMark::returned);
    if (order.voucher_id && ports_.vouchers != nullptr) {
        ports_.vouchers->clear_marks(work, *order.voucher_id, order.user_id, order.id,
                                     VoucherMark::returned);
    }
    if (!cancelled) {
        // Another process finished this cancellation first.
        auto current = ports_.orders.find(work, order.id);
        if (!current) {
            throw_not_found("order not found");
        }
        return order_value(*current);
    }
    return order_value(*cancelled);
}

Value OrderService::cancel(const Session &session, const std::string &order_id) {
    Session caller = ports_.authenticator.recheck(session);
    Order order = visible_order(caller, order_id);
    if (order.user_id == caller.user_id) {
        return cancel_order(order, caller.user_id, "");
    }
    return audited_cancel(caller, order);
}

Value OrderService::audited_cancel(const Session &manager, const Order &order) {
    if (!is_cancellable(order.status)) {  // refused before anything is written
        return cancel_order(order, manager.user_id, "");
    }
    Value result;
    ports_.audit.record(manager,
                        {"order.status", "order", order.id,
                         std::string(order_status_name(order.status)) + " -> cancelled"},
                        [&](const std::string &mark, AuditSubject &) {
                            result = cancel_order(order, manager.user_id, mark);
                        });
    return result;
}

Value OrderService::cancel_order(const Order &order, const std::string &actor_id,
                                 const std::string &audit_mark) {
    if (!is_cancellable(order.status)) {
        throw_conflict("status", std::string("an order that is ") +
                                     order_status_name(order.status) + " cannot be cancelled");
    }
    Value result;
    ports_.database.run_all_or_nothing([&](UnitOfWork &work) {
        // Only from the status read, so that the event kept for the last step says where the
        // order came from; a move to paid that got in between is read again and cancelled from
        // there (statuses only move forward, so this ends).
        std::optional<Order> moved;
        OrderStatus from = order.status;
        for (int attempt = 0; attempt < kCancelAttempts; ++attempt) {
            OrderMove move;
            move.from = {from};
            move.to = OrderStatus::cancelling;
            move.now_ms = ports_.clock.now_ms();
            move.audit_mark = audit_mark;
            move.pending_event = event_of(OrderEventType::cancelled, from, OrderStatus::cancelled,
                                          actor_id, move.now_ms);
            moved = ports_.orders.transition(work, order.id, move);
            if (moved) {
                break;
            }
            auto current = ports_.orders.find(work, order.id);
            if (!current || !is_cancellable(current->status) || current->status == from) {
                break;
            }
            from = current->status;
        }
        if (!moved) {
            throw_conflict("status", "the order changed status meanwhile; it cannot be cancelled");
        }
        step(OrderStep::cancel_started);
        result = finish_cancel(work, *moved);
    });
    return result;
}

Value OrderService::change_status(const Session &session, const std::string &order_id,
                                  const Value &body) {
    Session caller = ports_.authenticator.recheck(session);
    require_permission(caller, Permission::manage_orders);
    ObjectReader reader(body, {"status", "payment_reference"});
    std::string requested = reader.required_string("status", {1, 32});
    auto target = parse_order_status(requested);
    if (!target || !is_visible(*target)) {
        throw_invalid("status", "unknown order status '" + requested + "'");
    }
    std::optional<std::string> reference = read_payment_reference(reader);
    if (reference && *target != OrderStatus::paid) {
        throw_invalid("payment_reference", "payment_reference goes only with status \"paid\"");
    }
    Order order = visible_order(caller, order_id);
    // A replayed webhook: answered from the read, nothing written, nothing audited.
    if (reference && is_payment_replay(order, *reference)) {
        return order_value(order);
    }
    if (*target == OrderStatus::cancelled) {
        return audited_cancel(caller, order);
    }
    if (!is_legal_move(order.status, *target)) {
        throw_conflict("status", std::string("cannot move an order from ") +
                                     order_status_name(order.status) + " to " + requested);
    }
    OrderMove move;
    move.from = {order.status};
    move.to = *target;
    move.payment_reference = reference;
    std::optional<Order> moved;
    try {
        ports_.audit.record(caller,
                            {"order.status", "order", order.id,
                             std::string(order_status_name(order.status)) + " -> " + requested},
                            [&](const std::string &mark, AuditSubject &) {
                                move.now_ms = ports_.clock.now_ms();
                                move.audit_mark = mark;
                                move.event = event_of(OrderEventType::status_changed, order.status,
                                                      *target, caller.user_id, move.now_ms);
                                Order after = order;
                                after.payment_reference =
                                    reference ? reference : order.payment_reference;
                                move.outbox = history_drafts(after, *move.event);
                                ports_.database.run_steps([&](UnitOfWork &work) {
                                    moved = ports_.orders.transition(work, order.id, move);
                                    if (moved) {
                                        relay(work, order.id, move.outbox);
                                    }
                                });
                                if (!moved) {
                                    throw StatusOvertaken{};
                                }
                            });
    } catch (const StatusOvertaken &) {
        // Of two moves to paid with one reference both answer the order; with two references
        // the second one learns it was paid otherwise.
        Order current = visible_order(caller, order_id);
        if (reference && is_payment_replay(current, *reference)) {
            return order_value(current);
        }
        throw_conflict("status", "the order changed status meanwhile; try again");
    }
    return order_value(*moved);
}

EventDrafts OrderService::history_drafts(const Order &order, const OrderEvent &event) const {
    if (ports_.events == nullptr) {
        return {};
    }
    return {order_history_event(order, event)};
}

void OrderService::relay(UnitOfWork &work, const std::string &order_id, const EventDrafts &drafts) {
    if (ports_.events != nullptr && !drafts.empty()) {
        ports_.events->relay(work, OutboxHolder::order, order_id, drafts);
    }
}

Value OrderService::recover(std::int64_t min_age_ms) {
    std::int64_t now = ports_.clock.now_ms();
    std::int64_t cutoff = now - min_age_ms;
    std::int64_t rolled_back = 0;
    std::int64_t completed = 0;
    std::int64_t cleared = 0;

    for (const auto &order : ports_.orders.stale(OrderStatus::pending, cutoff)) {
        bool claimed = false;
        ports_.database.run_all_or_nothing([&](UnitOfWork &work) {
            // Deleting the order first is the claim: of several sweeps (processes) meeting it,
            // only the one whose delete took it goes on, so the cart is refilled once. Stock and
            // voucher undos are conditional on their marks anyway; should this sweep die after
            // the delete (the recorded sequence), the next one finds the marks of an order that
            // no longer exists and gives them back below.
            claimed = ports_.orders.remove_pending(work, order.id);
            if (!claimed) {
                return;
            }
            for (const auto &line : order.lines) {
                ports_.inventory.undo_take(work, line.product_id, line.variant_id, line.quantity,
                                           order.id);
            }
            undo_voucher(work, order);
            restore_cart(work, order, cart_lines_of(order));
        });
        rolled_back += claimed ? 1 : 0;
    }
    for (const auto &order : ports_.orders.stale(OrderStatus::cancelling, cutoff)) {
        ports_.database.run_all_or_nothing([&](UnitOfWork &work) { finish_cancel(work, order); });
        ++completed;
    }

    // Marks whose order is settled are left-overs of a crash between the last two steps; marks
    // of an order that no longer exists still hold stock that must go back. (Read before the
    // unit starts: nothing inside a unit takes a connection of its own.)
    const auto taken_marks = ports_.inventory.marks(StockMark::taken);
    const auto returned_marks = ports_.inventory.marks(StockMark::returned);
    ports_.database.run_steps([&](UnitOfWork &work) {
        OrdersSeen order_of(ports_.orders, work);
        for (const auto &mark : taken_marks) {
            const auto &order = order_of(mark.order_id);
            if (order && order->status == OrderStatus::pending) {
                continue;  // being placed right now (or younger than the cut-off)
            }
            if (!order) {
                ports_.inventory.undo_take(work, mark.product_id, mark.variant_id, mark.quantity,
                                           mark.order_id);
            } else {
                ports_.inventory.clear_marks(work, mark.order_id, {mark.product_id},
                                             StockMark::taken);
            }
            ++cleared;
        }
        for (const auto &mark : returned_marks) {
            const auto &order = order_of(mark.order_id);
            if (order && order->status == OrderStatus::cancelling) {
                continue;
            }
            ports_.inventory.clear_marks(work, mark.order_id, {mark.product_id},
                                         StockMark::returned);
            ++cleared;
        }
    });

    recover_voucher_marks(cleared);

    Value report = Value::object();
    report.set("orders_rolled_back", rolled_back)
        .set("cancellations_completed", completed)
        .set("marks_cleared", cleared);
    return report;
}

void OrderService::recover_voucher_marks(std::int64_t &cleared) {
    if (ports_.vouchers == nullptr) {
        return;
    }
    auto &vouchers = *ports_.vouchers;
    // As the stock marks above: read before the unit starts.
    const auto redeemed = vouchers.marks(VoucherMark::redeemed);
    const auto returned = vouchers.marks(VoucherMark::returned);
    ports_.database.run_steps([&](UnitOfWork &work) {
        OrdersSeen order_of(ports_.orders, work);
        for (const auto &mark : redeemed) {
            const auto &order = order_of(mark.order_id);
            if (order && order->status == OrderStatus::pending) {
                continue;
            }
            // Undoing is conditional on each counter's own mark, so naming the user as well
            // (when known) takes back exactly what is still marked.
            std::string user_id = mark.user_id.value_or(order ? order->user_id : "");
            if (!order) {
                vouchers.undo_redeem(work, mark.voucher_id, user_id, mark.order_id);
            } else {
                vouchers.clear_marks(work, mark.voucher_id, user_id, mark.order_id,
                                     VoucherMark::redeemed);
            }
            ++cleared;
        }
        for (const auto &mark : returned) {
            const auto &order = order_of(mark.order_id);
            if (order && order->status == OrderStatus::cancelling) {
                continue;
            }
            std::string user_id = mark.user_id.value_or(order ? order->user_id : "");
            vouchers.clear_marks(work, mark.voucher_id, user_id, mark.order_id,
                                 VoucherMark::returned);
            ++cleared;
        }
    });
}

}  // namespace libstore
