// The single exception boundary of the C ABI: every exported function runs its body through
// guard(), so no C++ exception ever reaches a C caller and every failure fills store_error_t.
#pragma once

#include <new>
#include <exception>

#include "core/error.hpp"
#include "libstore/errors.h"

namespace libstore::capi {

store_status_t to_status(ErrorCode code);

// Fills `error` (if not NULL) and returns its code.
store_status_t report(store_error_t *error, store_status_t code, const char *field,
                      const char *message, int retry_after_seconds = 0);

store_status_t report_current_exception(store_error_t *error) noexcept;

template <typename Body>
store_status_t guard(store_error_t *error, Body &&body) noexcept {
    try {
        body();
        return report(error, STORE_OK, "", "");
    } catch (...) {
        return report_current_exception(error);
    }
}

}  // namespace libstore::capi
