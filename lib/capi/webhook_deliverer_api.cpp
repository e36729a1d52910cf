#include "libstore/webhook_deliverer.h"

#include <memory>
#include <new>
#include <optional>

#include "capi/error_guard.hpp"
#include "capi/handles.hpp"
#include "capi/sweep_error_hook.hpp"
#include "core/background_sweeper.hpp"

using libstore::capi::guard;

struct store_deliverer {
    std::unique_ptr<libstore::BackgroundSweeper> thread;
};

namespace {

// The options a caller gave, as far as their version has them.
libstore::BackgroundSweeper::Options deliverer_options(const store_deliverer_options_t *given) {
    libstore::BackgroundSweeper::Options options;
    if (given == nullptr) {
        return options;
    }
    if (given->version < 1) {
        libstore::throw_invalid("version",
                                "store_deliverer_options_t.version must be "
                                "STORE_DELIVERER_OPTIONS_VERSION");
    }
    options.idle_ms = given->idle_ms;
    return options;
}

}  // namespace

store_status_t store_deliverer_start(store_deliverer_t **out_deliverer, store_t *store,
                                     const store_deliverer_options_t *options,
                                     store_error_t *error) {
    return guard(error, [&] {
        libstore::capi::require_argument(out_deliverer, "out_deliverer");
        *out_deliverer = nullptr;
        libstore::Store &core = libstore::capi::core_of(store);
        auto settings = deliverer_options(options);
        auto on_error = options != nullptr ? libstore::capi::sweep_error_hook(options->on_error,
                                                                              options->user_data)
                                           : libstore::BackgroundSweeper::ErrorHook();
        auto deliverer = std::make_unique<store_deliverer>();
        deliverer->thread = std::make_unique<libstore::BackgroundSweeper>(
            [&core](const libstore::BackgroundSweeper::StopRequested &stop_requested)
                -> std::optional<std::int64_t> {
                libstore::Value report = core.deliverer().sweep(stop_requested);
                const libstore::Value *due = report.find("next_due_in_ms");
                if (due == nullptr || !due->is_integer()) {
                    return std::nullopt;
                }
                return due->as_integer();
            },
            settings, std::move(on_error));
        *out_deliverer = deliverer.release();
    });
}

void store_deliverer_stop(store_deliverer_t *deliverer) {
    if (deliverer == nullptr) {
        return;
    }
    deliverer->thread->stop();
    delete deliverer;
}
