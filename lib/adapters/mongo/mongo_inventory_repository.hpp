// InventoryRepository over MongoDB: stock changes are conditional updates on the product that
// also push or pull the order's mark (`taken_by` / `returned_to` arrays) in the same atomic step.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/inventory_repository.hpp"

namespace libstore::mongo {

class MongoInventoryRepository final : public InventoryRepository {
  public:
    explicit MongoInventoryRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::vector<Product> find_many(const std::vector<std::string> &ids) override;
    std::optional<Product> take(UnitOfWork &work, const std::string &product_id,
                                const std::string &variant_id, std::int64_t quantity,
                                const std::string &order_id) override;
    bool undo_take(UnitOfWork &work, const std::string &product_id, const std::string &variant_id,
                   std::int64_t quantity, const std::string &order_id) override;
    bool give_back(UnitOfWork &work, const std::string &product_id, const std::string &variant_id,
                   std::int64_t quantity, const std::string &order_id) override;
    void clear_marks(UnitOfWork &work, const std::string &order_id,
                     const std::vector<std::string> &product_ids, StockMark kind) override;
    std::vector<StockMarkRecord> marks(StockMark kind) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
