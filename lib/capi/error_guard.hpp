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

// report_current_exception(), and also sets *out_error_json (when out_error_json is not NULL)
// to the error as JSON: {"code", "message", "field", "details"?} untruncated, details only
// when the error carries some. Left NULL when even that cannot be allocated.
store_status_t report_current_exception(store_error_t *error, char **out_error_json) noexcept;

template <typename Body>
store_status_t guard(store_error_t *error, Body &&body) noexcept {
    try {
        body();
        return report(error, STORE_OK, "", "");
    } catch (...) {
        return report_current_exception(error);
    }
}

// guard() for the functions that also answer their failure as JSON (see above). On success
// *out_error_json is NULL.
template <typename Body>
store_status_t guard(store_error_t *error, char **out_error_json, Body &&body) noexcept {
    if (out_error_json != nullptr) {
        *out_error_json = nullptr;
    }
    try {
        body();
        return report(error, STORE_OK, "", "");
    } catch (...) {
        return report_current_exception(error, out_error_json);
    }
}

}  // namespace libstore::capi
