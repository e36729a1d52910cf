// Port: where orders are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/events/event_draft.hpp"
#include "core/orders/order.hpp"
#include "core/ports/unit_of_work.hpp"

namespace libstore {

struct OrderQuery {
    std::optional<std::string> user_id;  // only this user's orders
    std::optional<OrderStatus> status;
    // Keyset position: orders strictly older than (created_at_ms, id) in newest-first order.
    std::optional<std::int64_t> before_created_at_ms;
    std::optional<std::string> before_id;
};

// A conditional move of an order's status and what goes with it, all in one single-document
// write, so that each is kept if and only if the move happened.
struct OrderMove {
    std::vector<OrderStatus> from;  // the move happens only from one of these
    OrderStatus to = OrderStatus::placed;
    std::int64_t now_ms = 0;
    std::string audit_mark;                        // left in the order unless empty
    std::optional<OrderEvent> event;               // appended to the order's events
    std::optional<OrderEvent> pending_event;       // the order's pending_event afterwards
    std::optional<std::string> payment_reference;  // set on the order (kept as it is if none)
    EventDrafts outbox;                            // pushed into the order's outbox
};

// Methods taking a UnitOfWork run inside that unit (its connection, its transaction).
class OrderRepository {
  public:
    virtual ~OrderRepository() = default;

    // Stores a new pending order and returns its id. nullopt when the user already has an
    // order with the same idempotency key.
    virtual std::optional<std::string> insert_pending(UnitOfWork &work, const Order &order) = 0;

    virtual std::optional<Order> find(UnitOfWork &work, const std::string &id) = 0;
    virtual std::optional<Order> find_by_idempotency_key(UnitOfWork &work,
                                                         const std::string &user_id,
                                                         const std::string &key) = 0;

    // pending -> placed with the priced lines and total, appending `placed` to its events and
    // `outbox` to its outbox (see ports/event_outbox.hpp) in the same write, with what a voucher
    // took off. False when it was not pending.
    virtual bool mark_placed(UnitOfWork &work, const std::string &id,
                             const std::vector<OrderLine> &lines, Cents total_cents,
                             std::int64_t now_ms, const OrderEvent &placed,
                             const OrderDiscount &discount, const EventDrafts &outbox) = 0;

    // Makes `move` in one conditional step (its audit mark: see ports/audit_repository.hpp); the
    // order afterwards, or nullopt when it was in none of move.from (or does not exist).
    virtual std::optional<Order> transition(UnitOfWork &work, const std::string &id,
                                            const OrderMove &move) = 0;

    // Deletes an order that never got placed: true when this call deleted it, false when it was
    // not (or no longer) pending — another recovery sweep took it first.
    virtual bool remove_pending(UnitOfWork &work, const std::string &id) = 0;

    // Visible orders matching `query`, newest first, at most `limit`.
    virtual std::vector<Order> list(const OrderQuery &query, std::int64_t limit) = 0;

    // Orders in `status` last updated at or before `before_ms`.
    virtual std::vector<Order> stale(OrderStatus status, std::int64_t before_ms) = 0;
};

}  // namespace libstore
