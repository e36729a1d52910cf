// What a store's connection pool sent to the database, counted on the client through libmongoc's
// command monitoring (APM), so the numbers are the same against any server: commands by name,
// failed commands by name, driver retries, transactions and waits for a free pooled client.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/value.hpp"

namespace libstore::mongo {

class CommandStats {
  public:
    void command_started(const char *name, std::int64_t operation_id);
    void command_failed(const char *name, std::int64_t operation_id);
    void transaction_started();
    void transaction_retried();
    void transaction_committed();
    void transaction_aborted();
    void pool_waited();

    // {"commands": {name: n}, "failures": {name: n}, "retries": n, "transactions": {"started",
    // "committed", "aborted", "retried"}, "pool_waits": n}; names in alphabetical order.
    Value snapshot() const;

  private:
    mutable std::mutex mutex_;
    std::map<std::string, std::int64_t> commands_;
    std::map<std::string, std::int64_t> failures_;
    std::int64_t retries_ = 0;
    std::int64_t transactions_started_ = 0;
    std::int64_t transactions_committed_ = 0;
    std::int64_t transactions_aborted_ = 0;
    std::int64_t transactions_retried_ = 0;
    std::int64_t pool_waits_ = 0;
};

}  // namespace libstore::mongo
