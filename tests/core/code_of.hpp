// The error a call throws, for tests: its code, and its field through `field` if given. Fails
// the test when the call does not throw.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/error.hpp"

namespace libstore::testing {

inline ErrorCode code_of(const std::function<void()> &call, std::string *field = nullptr) {
    try {
        call();
    } catch (const Error &error) {
        if (field != nullptr) {
            *field = error.field();
        }
        return error.code();
    }
    ADD_FAILURE() << "no error thrown";
    return ErrorCode::internal;
}

}  // namespace libstore::testing
