// RateLimitCounter in memory: counts per (key, window), and how often it was asked.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/ports/rate_limit_counter.hpp"

namespace libstore::testing {

class FakeRateLimitCounter final : public RateLimitCounter {
  public:
    std::int64_t increment(const std::string &key, std::int64_t window_start_ms,
                           std::int64_t expires_at_ms) override {
        ++calls_;
        last_key_ = key;
        last_expires_at_ms_ = expires_at_ms;
        return ++counts_[{key, window_start_ms}];
    }

    int calls() const { return calls_; }
    const std::string &last_key() const { return last_key_; }
    std::int64_t last_expires_at_ms() const { return last_expires_at_ms_; }

  private:
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> counts_;
    int calls_ = 0;
    std::string last_key_;
    std::int64_t last_expires_at_ms_ = 0;
};

}  // namespace libstore::testing
