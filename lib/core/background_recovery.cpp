#include "core/background_recovery.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/store.hpp"

namespace libstore {

namespace {

BackgroundSweeper::Options sweeper_options(const BackgroundRecovery::Options &options) {
    BackgroundRecovery::check(options);
    BackgroundSweeper::Options sweeper;
    sweeper.idle_ms = options.interval_ms;
    // An outage is retried from the interval doubling, up to five minutes (or the interval).
    sweeper.max_backoff_ms = std::max<std::int64_t>(options.interval_ms, 300'000);
    return sweeper;
}

}  // namespace

void BackgroundRecovery::check(const Options &options) {
    if (options.interval_ms < 1 || options.interval_ms > kMaxIntervalMs) {
        throw_invalid("interval_ms", "recovery interval must be from 1 ms to 1 day");
    }
    if (options.min_age_ms < kMinAgeMs || options.min_age_ms > kMaxAgeMs) {
        throw_invalid("min_age_ms",
                      "recovery age must be from 1 s (younger work may still be running) to "
                      "1 day");
    }
}

BackgroundRecovery::BackgroundRecovery(Store &store, Options options,
                                       BackgroundSweeper::ErrorHook on_error)
    : sweeper_(
          [&store, min_age_ms = options.min_age_ms](
              const BackgroundSweeper::StopRequested &) -> std::optional<std::int64_t> {
              store.recover(min_age_ms);
              return std::nullopt;  // nothing announces new work: wait the whole interval
          },
          sweeper_options(options), std::move(on_error)) {}

}  // namespace libstore
