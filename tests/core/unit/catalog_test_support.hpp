// Shared helpers of the catalog unit tests: building bodies and asserting errors.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/value.hpp"

namespace libstore::testing {

// Runs `call` and checks it throws Error with `code` and `field`.
inline void expect_error(const std::function<void()> &call, ErrorCode code,
                         const std::string &field) {
    try {
        call();
        ADD_FAILURE() << "no error thrown; expected field '" << field << "'";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), code) << error.what();
        EXPECT_EQ(error.field(), field) << error.what();
    }
}

inline void expect_invalid(const std::function<void()> &call, const std::string &field) {
    expect_error(call, ErrorCode::invalid_argument, field);
}

// A valid product body, to which a test adds or replaces one field.
inline Value product_body(const std::string &name = "Lamp", double price = 19.99,
                          std::int64_t stock = 5) {
    Value body = Value::object();
    body.set("name", name).set("price", price).set("stock", stock);
    return body;
}

inline Value with(Value body, const std::string &field, Value value) {
    body.set(field, std::move(value));
    return body;
}

}  // namespace libstore::testing
