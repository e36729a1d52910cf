// A Clock the test moves by hand.
#pragma once

#include "core/ports/clock.hpp"

namespace libstore::testing {

class ManualClock final : public Clock {
  public:
    explicit ManualClock(std::int64_t now_ms = 1'790'000'000'000) : now_ms_(now_ms) {}
    std::int64_t now_ms() override { return now_ms_; }
    void advance_ms(std::int64_t ms) { now_ms_ += ms; }

  private:
    std::int64_t now_ms_;
};

}  // namespace libstore::testing
