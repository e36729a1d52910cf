// The C ABI's exception boundary: whatever the core throws becomes a status and a filled
// store_error_t, never an exception crossing into C.
#include <gtest/gtest.h>

#include <cstring>
#include <new>
#include <string>

#include "capi/error_guard.hpp"

namespace libstore::capi {
namespace {

TEST(ErrorGuard, SuccessClearsTheError) {
    store_error_t error;
    std::memset(&error, 'x', sizeof error);
    EXPECT_EQ(guard(&error, [] {}), STORE_OK);
    EXPECT_EQ(error.code, STORE_OK);
    EXPECT_STREQ(error.field, "");
    EXPECT_STREQ(error.message, "");
}

TEST(ErrorGuard, BadAllocBecomesInternal) {
    store_error_t error;
    EXPECT_EQ(guard(&error, [] { throw std::bad_alloc(); }), STORE_EINTERNAL);
    EXPECT_EQ(error.code, STORE_EINTERNAL);
    EXPECT_STREQ(error.message, "out of memory");
}

TEST(ErrorGuard, AnyExceptionBecomesInternal) {
    EXPECT_EQ(guard(nullptr, [] { throw 42; }), STORE_EINTERNAL);
    store_error_t error;
    EXPECT_EQ(guard(&error, [] { throw std::logic_error("boom"); }), STORE_EINTERNAL);
    EXPECT_STREQ(error.message, "boom");
}

TEST(ErrorGuard, CoreErrorsKeepCodeFieldAndRetryAfter) {
    store_error_t error;
    auto status = guard(
        &error, [] { throw Error(ErrorCode::rate_limited, "username", "too many attempts", 120); });
    EXPECT_EQ(status, STORE_ERATELIMITED);
    EXPECT_STREQ(error.field, "username");
    EXPECT_STREQ(error.message, "too many attempts");
    EXPECT_EQ(error.retry_after_seconds, 120);
}

TEST(ErrorGuard, EveryCodeMapsToItsStatus) {
    EXPECT_EQ(to_status(ErrorCode::invalid_argument), STORE_EINVAL);
    EXPECT_EQ(to_status(ErrorCode::unauthenticated), STORE_EUNAUTHENTICATED);
    EXPECT_EQ(to_status(ErrorCode::forbidden), STORE_EFORBIDDEN);
    EXPECT_EQ(to_status(ErrorCode::not_found), STORE_ENOTFOUND);
    EXPECT_EQ(to_status(ErrorCode::conflict), STORE_ECONFLICT);
    EXPECT_EQ(to_status(ErrorCode::rate_limited), STORE_ERATELIMITED);
    EXPECT_EQ(to_status(ErrorCode::unavailable), STORE_EUNAVAILABLE);
    EXPECT_EQ(to_status(ErrorCode::too_large), STORE_ETOOLARGE);
    EXPECT_EQ(to_status(ErrorCode::internal), STORE_EINTERNAL);
}

TEST(ErrorGuard, LongMessagesAreTruncatedOnACharacterBoundary) {
    store_error_t error;
    // 'é' is two bytes; 200 of them cannot fit in the message buffer.
    std::string long_message;
    for (int i = 0; i < 200; ++i) {
        long_message += "\xc3\xa9";
    }
    guard(&error, [&] { throw Error(ErrorCode::invalid_argument, "", long_message); });
    std::size_t length = std::strlen(error.message);
    EXPECT_LT(length, sizeof error.message);
    EXPECT_EQ(length % 2, 0u) << "a UTF-8 sequence was cut in half";
}

}  // namespace
}  // namespace libstore::capi
