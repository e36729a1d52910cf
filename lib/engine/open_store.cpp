#include "engine/open_store.hpp"

#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_database.hpp"

namespace libstore {

std::unique_ptr<Store> open_store(StoreConfig config) {
    config.validate();
    auto pool = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
    StorePorts ports;
    ports.database = std::make_unique<mongo::MongoDatabase>(pool);
    ports.clock = std::make_unique<SystemClock>();
    auto store = std::make_unique<Store>(std::move(config), std::move(ports));
    store->try_prepare();
    return store;
}

}  // namespace libstore
