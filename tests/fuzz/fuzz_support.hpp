// Shared helpers of the libFuzzer harnesses: turning fuzz bytes into inputs, and the oracle every
// harness applies — bad input must end in a libstore::Error with an expected code, never in
// another exception, a crash, a leak or undefined behaviour (ASan and UBSan watch the rest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <string>

#include "core/error.hpp"
#include "core/validation/text.hpp"

namespace libstore::fuzz {

[[noreturn]] inline void fail(const char *what, const std::string &detail = "") {
    std::fprintf(stderr, "FUZZ ORACLE FAILURE: %s %s\n", what, detail.c_str());
    std::fflush(stderr);
    std::abort();
}

inline void check(bool condition, const char *what, const std::string &detail = "") {
    if (!condition) {
        fail(what, detail);
    }
}

// Runs `body`; a libstore::Error must carry one of `allowed` codes and a clean message and field
// (they end up in store_error_t and HTTP bodies). Returns true when `body` succeeded.
template <typename Body>
bool expect_clean_failure(std::initializer_list<ErrorCode> allowed, Body &&body) {
    try {
        body();
        return true;
    } catch (const Error &error) {
        bool known = false;
        for (ErrorCode code : allowed) {
            known = known || code == error.code();
        }
        check(known, "unexpected error code",
              std::string(error_code_name(error.code())) + ": " + error.what() + " (field " +
                  error.field() + ")");
        check(is_clean_utf8(error.what()), "error message is not clean UTF-8");
        check(is_clean_utf8(error.field()), "error field is not clean UTF-8");
        check(error.what()[0] != '\0', "empty error message");
        return false;
    } catch (const std::exception &error) {
        fail("exception other than libstore::Error escaped", error.what());
    }
}

// Splits fuzz input into a selector byte and the rest, as a NUL-terminated string.
struct Input {
    unsigned selector = 0;
    std::string text;
};

inline Input split_input(const std::uint8_t *data, std::size_t size) {
    Input input;
    if (size > 0) {
        input.selector = data[0];
        input.text.assign(reinterpret_cast<const char *>(data) + 1, size - 1);
    }
    return input;
}

}  // namespace libstore::fuzz
