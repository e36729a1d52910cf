// OrderRepository over MongoDB. Idempotency is a unique index on `idempotency_id`: the user and
// their key, or the order's own id when no key was given (so keyless orders never collide).
// The history is the order's `events` array, each event pushed by the update that makes its
// change; `pending_event` holds the event of a cancellation under way.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/order_repository.hpp"

namespace libstore::mongo {

class MongoOrderRepository final : public OrderRepository {
  public:
    explicit MongoOrderRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::optional<std::string> insert_pending(UnitOfWork &work, const Order &order) override;
    std::optional<Order> find(UnitOfWork &work, const std::string &id) override;
    std::optional<Order> find_by_idempotency_key(UnitOfWork &work, const std::string &user_id,
                                                 const std::string &key) override;
    bool mark_placed(UnitOfWork &work, const std::string &id, const std::vector<OrderLine> &lines,
                     Cents total_cents, std::int64_t now_ms, const OrderEvent &placed,
                     const OrderDiscount &discount, const EventDrafts &outbox) override;
    std::optional<Order> transition(UnitOfWork &work, const std::string &id,
                                    const OrderMove &move) override;
    bool remove_pending(UnitOfWork &work, const std::string &id) override;
    std::vector<Order> list(const OrderQuery &query, std::int64_t limit) override;
    std::vector<Order> stale(OrderStatus status, std::int64_t before_ms) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
