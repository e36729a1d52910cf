// RateLimitCounter over MongoDB: collection `rate_limits`, one document per key and window.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/rate_limit_counter.hpp"

namespace libstore::mongo {

class MongoRateLimitCounter final : public RateLimitCounter {
  public:
    explicit MongoRateLimitCounter(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::int64_t increment(const std::string &key, std::int64_t window_start_ms,
                           std::int64_t expires_at_ms) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
