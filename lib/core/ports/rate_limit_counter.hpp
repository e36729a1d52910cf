// Port: the shared request counts behind the per-address rate limits. They live in the database
// rather than in the process so that every host process serving one shop counts together.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

class RateLimitCounter {
  public:
    virtual ~RateLimitCounter() = default;
    // Adds one to the count of `key` in the window that starts at `window_start_ms` and returns
    // the count including this one, in one atomic round trip (concurrent callers each see a
    // different count). The record may be forgotten after `expires_at_ms`.
    virtual std::int64_t increment(const std::string &key, std::int64_t window_start_ms,
                                   std::int64_t expires_at_ms) = 0;
};

}  // namespace libstore
