// Crash recovery in the background: a thread (a BackgroundSweeper) that runs Store::recover() on
// an interval, so that what a crash left half-done — the stock and cart of a placement cut down
// after it took them, a cancellation cut short — is put right within interval + min_age without
// an operator. Every example host runs one (LIBSTORE_RECOVER_INTERVAL, LIBSTORE_RECOVER_AGE).
//
// Any number may run at once, in one process or many: a roll-back begins by deleting the pending
// order, and only the sweep whose delete took it goes on; stock and voucher undos are
// conditional on their marks. Work younger than min_age is left alone, because it may be a
// placement still running in another process.
#pragma once

#include <cstdint>

#include "core/background_sweeper.hpp"

namespace libstore {

class Store;

class BackgroundRecovery {
  public:
    struct Options {
        std::int64_t interval_ms = 30'000;
        std::int64_t min_age_ms = 60'000;
    };
    static constexpr std::int64_t kMaxIntervalMs = 86'400'000;
    static constexpr std::int64_t kMinAgeMs = 1'000;
    static constexpr std::int64_t kMaxAgeMs = 86'400'000;

    // Throws Error(invalid_argument, "interval_ms" | "min_age_ms") unless
    // 1 <= interval_ms <= 1 day and 1 s <= min_age_ms <= 1 day.
    static void check(const Options &options);

    // Starts the thread; the first sweep runs at once. `store` must outlive it.
    BackgroundRecovery(Store &store, Options options, BackgroundSweeper::ErrorHook on_error = {});

    // Ends the thread after the sweep in progress; safe to call more than once.
    void stop() { sweeper_.stop(); }

  private:
    BackgroundSweeper sweeper_;
};

}  // namespace libstore
