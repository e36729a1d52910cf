// Checks of raw C arguments shared by the ABI functions: NULL handles and out-pointers are
// invalid arguments, never a crash.
#pragma once

#include <optional>
#include <string>

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

// A C string that may be NULL (absent).
inline std::optional<std::string> optional_text(const char *text) {
    return text != nullptr ? std::optional<std::string>(text) : std::nullopt;
}

}  // namespace libstore::capi
