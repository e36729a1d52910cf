// Checks of raw C arguments shared by the ABI functions: NULL handles and out-pointers are
// invalid arguments, never a crash.
#pragma once

#include "core/error.hpp"

namespace libstore::capi {

template <typename T>
void require_argument(const T *pointer, const char *name) {
    if (pointer == nullptr) {
        throw_invalid(name, std::string(name) + " must not be NULL");
    }
}

// Requires a non-NULL out-parameter and sets it to NULL, so callers see NULL on every failure.
template <typename T>
void reset_out(T **out, const char *name) {
    require_argument(out, name);
    *out = nullptr;
}

}  // namespace libstore::capi
