// A counting semaphore with a bounded wait: at most `limit` holders at once, and a caller that
// finds none free waits at most a given time, then is refused. It bounds work whose cost grows
// with how many run at once (each password hash takes 64 MiB), so a flood of callers costs
// memory by the limit, never by the number of callers, and nobody queues without end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace libstore {

class ConcurrencyLimit {
  public:
    struct Counts {
        std::int64_t limit = 0;
        std::int64_t in_use = 0;   // holders now
        std::int64_t waiting = 0;  // callers waiting now
        std::int64_t refused = 0;  // callers refused since construction
    };

    // `limit` at least 1.
    explicit ConcurrencyLimit(std::int32_t limit);

    // Takes a slot, waiting at most `wait` for one to free up: true when taken (give it back
    // with release()), false when none did in time (counted as refused). A zero wait never blocks.
    bool acquire(std::chrono::milliseconds wait);
    void release();

    Counts counts() const;

  private:
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::int64_t limit_;
    std::int64_t in_use_ = 0;
    std::int64_t waiting_ = 0;
    std::int64_t refused_ = 0;
};

}  // namespace libstore
