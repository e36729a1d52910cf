// Database port over MongoDB: ping, index creation, command statistics, and units of work —
// transactions (w: majority, retried as the convenient-transactions spec says) where the store
// uses them.
#pragma once

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/database.hpp"
#include "core/store_config.hpp"

#include <memory>

namespace libstore::mongo {

class MongoDatabase final : public Database {
  public:
    MongoDatabase(std::shared_ptr<ClientPool> pool, TransactionMode transactions)
        : pool_(std::move(pool)), transactions_(transactions) {}

    void ping() override;
    void ensure_schema() override;
    Value upgrade_documents() override;
    Value stats() override;
    void run_all_or_nothing(const UnitBody &work) override;
    void run_steps(const UnitBody &work) override;

  private:
    // Whether units on `client` run as transactions: by the option, and for `automatic` by
    // what the server is (a replica-set primary or a mongos). Asks the driver's topology, not
    // the server: no round trip.
    bool uses_transactions(mongoc_client_t *client);

    std::shared_ptr<ClientPool> pool_;
    TransactionMode transactions_;
};

}  // namespace libstore::mongo
