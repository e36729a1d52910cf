// Port: where orders are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

    // pending -> placed with the priced lines, total and what a voucher took off. False when it
    // was not pending.
    virtual bool mark_placed(UnitOfWork &work, const std::string &id,
                             const std::vector<OrderLine> &lines, Cents total_cents,
                             std::int64_t now_ms, const OrderDiscount &discount) = 0;

    // Moves the order from one of `from` to `to` in one conditional step (leaving `audit_mark`,
    // if not empty; see ports/audit_repository.hpp); the order afterwards, or nullopt when it was
    // not in any of `from` (or does not exist).
    virtual std::optional<Order> transition(UnitOfWork &work, const std::string &id,
                                            const std::vector<OrderStatus> &from, OrderStatus to,
                                            std::int64_t now_ms, const std::string &audit_mark) = 0;

    // Deletes an order that never got placed.
    virtual void remove_pending(UnitOfWork &work, const std::string &id) = 0;

    // Visible orders matching `query`, newest first, at most `limit`.
    virtual std::vector<Order> list(const OrderQuery &query, std::int64_t limit) = 0;

    // Orders in `status` last updated at or before `before_ms`.
    virtual std::vector<Order> stale(OrderStatus status, std::int64_t before_ms) = 0;
};

}  // namespace libstore
