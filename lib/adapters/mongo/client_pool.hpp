// The store's connection pool: one mongoc_client_pool_t per store, a client popped per call and
// pushed back when the call ends (mongoc clients are not thread-safe; the pool is).
#pragma once

#include <mongoc/mongoc.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/mongo/command_stats.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

class ClientPool;

struct CollectionDeleter {
    void operator()(mongoc_collection_t *collection) const {
        mongoc_collection_destroy(collection);
    }
};
using CollectionPtr = std::unique_ptr<mongoc_collection_t, CollectionDeleter>;

// A client borrowed from the pool for the length of one operation.
class PooledClient {
  public:
    explicit PooledClient(ClientPool &pool);
    ~PooledClient();
    PooledClient(PooledClient &&other) noexcept : pool_(other.pool_), client_(other.client_) {
        other.client_ = nullptr;
    }
    PooledClient(const PooledClient &) = delete;
    PooledClient &operator=(const PooledClient &) = delete;

    mongoc_client_t *get() const { return client_; }
    // A collection of the store's database.
    CollectionPtr collection(const char *name) const;

  private:
    ClientPool &pool_;
    mongoc_client_t *client_;
};

class ClientPool {
  public:
    // Throws Error(invalid_argument, "uri") for a malformed connection string.
    ClientPool(const std::string &uri, std::string database,
               std::int32_t server_selection_timeout_ms);
    ~ClientPool();
    ClientPool(const ClientPool &) = delete;
    ClientPool &operator=(const ClientPool &) = delete;

    const std::string &database() const { return database_; }

    // A client for an operation. The first one that reaches the database creates the indexes,
    // so a store opened while the database was down gets its schema once it is back.
    PooledClient acquire();
    // A client without the schema step, for ping.
    PooledClient acquire_unprepared() { return PooledClient(*this); }

    // Forget that the indexes exist, so the next operation creates them again.
    void forget_schema() { schema_ready_.store(false, std::memory_order_release); }

    // Everything this pool's clients sent (see command_stats.hpp).
    CommandStats &stats() { return stats_; }

  private:
    friend class PooledClient;
    void watch_commands_and_servers();
    CommandStats stats_;
    mongoc_client_pool_t *pool_ = nullptr;
    std::string database_;
    // Cleared whenever the server is seen going away: a database that comes back may come back
    // empty (restored, replaced, a test server restarted), and its unique indexes are rules.
    std::atomic<bool> schema_ready_{false};
    std::mutex schema_mutex_;
    std::condition_variable schema_attempt_done_;
    bool creating_schema_ = false;                            // guarded by schema_mutex_
    std::string last_schema_error_;                           // guarded by schema_mutex_
    ErrorCode last_schema_error_code_ = ErrorCode::internal;  // guarded by schema_mutex_
};

}  // namespace libstore::mongo
