#include "libstore/recoverer.h"

#include <memory>

#include "capi/error_guard.hpp"
#include "capi/handles.hpp"
#include "capi/sweep_error_hook.hpp"
#include "core/background_recovery.hpp"

using libstore::capi::guard;

struct store_recoverer {
    std::unique_ptr<libstore::BackgroundRecovery> thread;
};

namespace {

// The options a caller gave, as far as their version has them.
libstore::BackgroundRecovery::Options recoverer_options(const store_recoverer_options_t *given) {
    libstore::BackgroundRecovery::Options options;
    if (given == nullptr) {
        return options;
    }
    if (given->version < 1) {
        libstore::throw_invalid("version",
                                "store_recoverer_options_t.version must be "
                                "STORE_RECOVERER_OPTIONS_VERSION");
    }
    options.interval_ms = given->interval_ms;
    options.min_age_ms = given->min_age_ms;
    return options;
}

}  // namespace

store_status_t store_recoverer_start(store_recoverer_t **out_recoverer, store_t *store,
                                     const store_recoverer_options_t *options,
                                     store_error_t *error) {
    return guard(error, [&] {
        libstore::capi::require_argument(out_recoverer, "out_recoverer");
        *out_recoverer = nullptr;
        libstore::Store &core = libstore::capi::core_of(store);
        auto settings = recoverer_options(options);
        auto on_error = options != nullptr ? libstore::capi::sweep_error_hook(options->on_error,
                                                                              options->user_data)
                                           : libstore::BackgroundSweeper::ErrorHook();
        auto recoverer = std::make_unique<store_recoverer>();
        recoverer->thread =
            std::make_unique<libstore::BackgroundRecovery>(core, settings, std::move(on_error));
        *out_recoverer = recoverer.release();
    });
}

void store_recoverer_stop(store_recoverer_t *recoverer) {
    if (recoverer == nullptr) {
        return;
    }
    recoverer->thread->stop();
    delete recoverer;
}
