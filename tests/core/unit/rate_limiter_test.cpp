// RateLimiter over a fake count and a hand-moved clock: the per-minute window, Retry-After,
// the limit off, and the actions.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/error.hpp"
#include "core/limits/rate_limiter.hpp"
#include "fakes/fake_rate_limit_counter.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

// 1'790'000'000'000 ms is 20 s into a minute; start each test on a minute boundary.
constexpr std::int64_t kMinuteStart = 1'790'000'040'000;
static_assert(kMinuteStart % RateLimiter::kWindowMs == 0);

class RateLimiterTest : public ::testing::Test {
  protected:
    RateLimiter limiter(std::int32_t limit, const char *proxies = "") {
        return RateLimiter(counts_, clock_, limit, TrustedProxies::parse(proxies));
    }
    // The Error a hit throws, or nullopt when it passes.
    std::optional<Error> hit(RateLimiter &limiter, const char *action = "login",
                             const char *peer = "203.0.113.9") {
        try {
            limiter.hit(action, peer, std::nullopt);
            return std::nullopt;
        } catch (const Error &error) {
            return error;
        }
    }

    FakeRateLimitCounter counts_;
    ManualClock clock_{kMinuteStart};
};

TEST_F(RateLimiterTest, TheRequestPastTheLimitIsRateLimitedUntilTheMinuteEnds) {
    auto limits = limiter(3);
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(hit(limits)) << i;
        clock_.advance_ms(1000);
    }
    clock_.advance_ms(16'500);  // 19.5 s into the minute
    auto refused = hit(limits);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code(), ErrorCode::rate_limited);
    EXPECT_EQ(refused->retry_after_seconds(), 41);  // 40.5 s left, rounded up
    EXPECT_EQ(refused->field(), "");
    // Still refused (and still counted) later in the same minute.
    clock_.advance_ms(40'000);
    ASSERT_TRUE(hit(limits));
    EXPECT_EQ(hit(limits)->retry_after_seconds(), 1);
}

TEST_F(RateLimiterTest, RetryAfterIsAtLeastOneSecond) {
    auto limits = limiter(1);
    clock_.advance_ms(RateLimiter::kWindowMs - 1);  // the window's last millisecond
    EXPECT_FALSE(hit(limits));
    auto refused = hit(limits);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->retry_after_seconds(), 1);
}

TEST_F(RateLimiterTest, ANewMinuteStartsANewCount) {
    auto limits = limiter(2);
    clock_.advance_ms(59'000);
    EXPECT_FALSE(hit(limits));
    EXPECT_FALSE(hit(limits));
    EXPECT_TRUE(hit(limits));
    clock_.advance_ms(1'000);  // exactly the next minute
    EXPECT_FALSE(hit(limits));
    EXPECT_FALSE(hit(limits));
    EXPECT_TRUE(hit(limits));
    EXPECT_EQ(counts_.last_expires_at_ms(), kMinuteStart + 2 * RateLimiter::kWindowMs);
}

TEST_F(RateLimiterTest, ActionsAndAddressesCountApart) {
    auto limits = limiter(1);
    EXPECT_FALSE(hit(limits, "login", "203.0.113.9"));
    EXPECT_TRUE(hit(limits, "login", "203.0.113.9"));
    EXPECT_FALSE(hit(limits, "register", "203.0.113.9"));
    EXPECT_FALSE(hit(limits, "refresh", "203.0.113.9"));
    EXPECT_FALSE(hit(limits, "password_reset", "203.0.113.9"));
    EXPECT_FALSE(hit(limits, "login", "203.0.113.10"));
    // One address in two spellings is one count.
    EXPECT_TRUE(hit(limits, "login", "::ffff:203.0.113.10"));
}

TEST_F(RateLimiterTest, ForwardedForCountsOnlyFromATrustedProxy) {
    auto limits = limiter(1, "10.0.0.0/8");
    EXPECT_NO_THROW(limits.hit("login", "10.0.0.1", std::string_view("198.51.100.1")));
    EXPECT_EQ(counts_.last_key(), "login 198.51.100.1");
    EXPECT_NO_THROW(limits.hit("login", "10.0.0.1", std::string_view("198.51.100.2")));
    // An untrusted peer cannot rotate its address through the header.
    EXPECT_NO_THROW(limits.hit("login", "203.0.113.9", std::string_view("198.51.100.3")));
    EXPECT_EQ(counts_.last_key(), "login 203.0.113.9");
    EXPECT_EQ(
        code_of([&] { limits.hit("login", "203.0.113.9", std::string_view("198.51.100.4")); }),
        ErrorCode::rate_limited);
}

TEST_F(RateLimiterTest, LimitZeroIsOffWithoutARoundTrip) {
    auto limits = limiter(0);
    for (int i = 0; i < 100; ++i) {
        EXPECT_FALSE(hit(limits));
    }
    EXPECT_EQ(counts_.calls(), 0);
    // Arguments are still checked, so a host's mistake shows with the limits off too.
    std::string field;
    EXPECT_EQ(code_of([&] { limits.hit("logon", "203.0.113.9", std::nullopt); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "action");
    EXPECT_EQ(code_of([&] { limits.hit("login", "a b", std::nullopt); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "peer_address");
}

TEST_F(RateLimiterTest, UnknownActionsAreInvalidAndNotCounted) {
    auto limits = limiter(5);
    for (const char *action : {"", "Login", "login ", "logout", "password-reset", "register\n"}) {
        std::string field;
        EXPECT_EQ(code_of([&] { limits.hit(action, "203.0.113.9", std::nullopt); }, &field),
                  ErrorCode::invalid_argument)
            << action;
        EXPECT_EQ(field, "action");
    }
    EXPECT_EQ(counts_.calls(), 0);
}

TEST_F(RateLimiterTest, OneRoundTripPerCountedRequest) {
    auto limits = limiter(2);
    for (int i = 0; i < 4; ++i) {
        hit(limits);
    }
    EXPECT_EQ(counts_.calls(), 4);
}

}  // namespace
}  // namespace libstore::testing
