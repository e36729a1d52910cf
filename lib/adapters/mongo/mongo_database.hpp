// Database port over MongoDB: ping and index creation.
#pragma once

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/database.hpp"

#include <memory>

namespace libstore::mongo {

class MongoDatabase final : public Database {
  public:
    explicit MongoDatabase(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    void ping() override;
    void ensure_schema() override;
    Value stats() override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
