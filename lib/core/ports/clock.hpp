// Port: the current time, so tests can move it (token expiry, lockout windows).
#pragma once

#include <cstdint>

namespace libstore {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::int64_t now_ms() = 0;  // milliseconds since the Unix epoch
};

class SystemClock final : public Clock {
  public:
    std::int64_t now_ms() override;
};

}  // namespace libstore
