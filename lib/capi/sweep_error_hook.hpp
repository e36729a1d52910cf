// The C callbacks of the background sweepers (store_deliverer_error_fn, store_recoverer_error_fn:
// one shape) as the core's BackgroundSweeper::ErrorHook.
#pragma once

#include "capi/error_guard.hpp"
#include "core/background_sweeper.hpp"

namespace libstore::capi {

// Empty when `tell` is NULL: failures are then not told.
template <typename ErrorCallback>
BackgroundSweeper::ErrorHook sweep_error_hook(ErrorCallback tell, void *user_data) {
    if (tell == nullptr) {
        return {};
    }
    return [tell, user_data](const Error &failure) {
        tell(user_data, to_status(failure.code()), failure.what());
    };
}

}  // namespace libstore::capi
