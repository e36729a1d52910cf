// The façade over every store operation: what the C ABI and the Python module both wrap.
// Thread-safe: one Store serves all threads of a process.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "core/ports/database.hpp"
#include "core/store_config.hpp"

namespace libstore {

// The adapters a Store runs on, handed over by whoever assembles it (engine/open_store.cpp for
// MongoDB, the tests for in-memory fakes).
struct StorePorts {
    std::unique_ptr<Database> database;
};

class Store {
  public:
    Store(StoreConfig config, StorePorts ports);
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const StoreConfig &config() const { return config_; }

    // One round trip to the database; throws Error(unavailable) when it cannot be reached.
    void ping();

    // Creates the indexes now if the database is reachable; returns false (and leaves it to the
    // first operation) when it is not. Other errors propagate.
    bool try_prepare();

  private:
    // Creates indexes on the first call that reaches the database, so a store opens (and a host
    // starts) while the database is down and starts working when it comes back.
    void ensure_ready();

    StoreConfig config_;
    StorePorts ports_;
    std::atomic<bool> ready_{false};
    std::mutex ready_mutex_;
};

}  // namespace libstore
