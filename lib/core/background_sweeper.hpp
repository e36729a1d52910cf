// Sweeping in the background: a thread that runs sweeps until stopped — webhook deliveries
// (store_deliverer_start(), libstore.Deliverer) and crash recovery (store_recoverer_start(),
// libstore.Recoverer). The waiting rules live here once.
//
// Between sweeps it waits until the next piece of work is due, but never longer than `idle_ms`
// (new work appears without notice), and after a sweep that failed for want of the database it
// waits longer each time (from idle_ms doubling to max_backoff_ms), so an outage costs one attempt
// per wait rather than a busy loop. Several sweepers, in one process or many, may run at once:
// what a sweep does must keep them from doing one piece of work twice (deliveries are leased,
// roll-backs claimed).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"

namespace libstore {

class BackgroundSweeper {
  public:
    // Asked by a sweep between its sends: true once stop() was called, so that a stop waits for
    // one send at most, not for a whole sweep.
    using StopRequested = std::function<bool()>;
    // One sweep; returns in how many milliseconds the next delivery is due (nullopt: none is
    // waiting). Throws Error when it cannot sweep.
    using Sweep = std::function<std::optional<std::int64_t>(const StopRequested &stop_requested)>;
    // Told of each failed sweep (e.g. to log it); must not throw.
    using ErrorHook = std::function<void(const Error &error)>;

    struct Options {
        std::int64_t idle_ms = 1000;
        std::int64_t max_backoff_ms = 30'000;
    };

    // Throws Error(invalid_argument, "idle_ms") unless 1 <= idle_ms <= max_backoff_ms.
    static void check(const Options &options);

    // Starts the thread; the first sweep runs at once.
    BackgroundSweeper(Sweep sweep, Options options, ErrorHook on_error = {});
    // stop().
    ~BackgroundSweeper();
    BackgroundSweeper(const BackgroundSweeper &) = delete;
    BackgroundSweeper &operator=(const BackgroundSweeper &) = delete;

    // Ends the thread after the send in progress, if any; returns once it has ended. Safe to call
    // more than once.
    void stop();

    // How long to wait after a sweep: the next due time capped by idle_ms, or after
    // `failures_in_a_row` failed sweeps, idle_ms doubled that many times less one, capped.
    static std::int64_t wait_after(const Options &options, std::optional<std::int64_t> next_due_ms,
                                   int failures_in_a_row);

  private:
    void run();

    Sweep sweep_;
    Options options_;
    ErrorHook on_error_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace libstore
