#include <gtest/gtest.h>

#include <cstdint>

#include "core/error.hpp"
#include "core/store_config.hpp"

namespace libstore {
namespace {

StoreConfig valid_config() {
    StoreConfig config;
    config.uri = "mongodb://127.0.0.1:27017";
    config.token_secret = std::string(32, 's');
    return config;
}

std::string rejected_field(const StoreConfig &config) {
    try {
        config.validate();
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        return error.field();
    }
    return "<accepted>";
}

TEST(StoreConfig, AcceptsValidConfig) {
    EXPECT_NO_THROW(valid_config().validate());
}

TEST(StoreConfig, RejectsEmptyUri) {
    auto config = valid_config();
    config.uri.clear();
    EXPECT_EQ(rejected_field(config), "uri");
}

TEST(StoreConfig, RejectsShortSecret) {
    auto config = valid_config();
    config.token_secret = std::string(31, 's');
    EXPECT_EQ(rejected_field(config), "token_secret");
}

TEST(StoreConfig, RejectsBadDatabaseNames) {
    for (const char *name : {"", "a.b", "a/b", "a b", "$x", "with\"quote"}) {
        auto config = valid_config();
        config.database = name;
        EXPECT_EQ(rejected_field(config), "database") << name;
    }
    auto config = valid_config();
    config.database = std::string(64, 'd');
    EXPECT_EQ(rejected_field(config), "database");
}

TEST(StoreConfig, RejectsOutOfRangeNumbers) {
    auto config = valid_config();
    config.token_lifetime_seconds = 0;
    EXPECT_EQ(rejected_field(config), "token_lifetime_seconds");
    config = valid_config();
    config.server_selection_timeout_ms = -5;
    EXPECT_EQ(rejected_field(config), "server_selection_timeout_ms");
}

TEST(StoreConfig, RateLimitIsZeroToAMillion) {
    auto config = valid_config();
    EXPECT_EQ(config.rate_limit_per_minute, 60);
    for (std::int32_t limit : {0, 1, 1000000}) {
        config.rate_limit_per_minute = limit;
        EXPECT_EQ(rejected_field(config), "<accepted>") << limit;
    }
    for (std::int32_t limit : {-1, 1000001, INT32_MIN, INT32_MAX}) {
        config.rate_limit_per_minute = limit;
        EXPECT_EQ(rejected_field(config), "rate_limit_per_minute") << limit;
    }
}

TEST(StoreConfig, TrustedProxiesAreCheckedWhenTheStoreOpens) {
    auto config = valid_config();
    config.trusted_proxies = "10.0.0.0/8, ::1";
    EXPECT_EQ(rejected_field(config), "<accepted>");
    for (const char *proxies : {"10.0.0.0/8,", "localhost", "10.0.0.0/40", "1.2.3.4/24"}) {
        config.trusted_proxies = proxies;
        EXPECT_EQ(rejected_field(config), "trusted_proxies") << proxies;
    }
}

TEST(StoreConfig, PasswordHashConcurrencyRangesFromZeroForTheCoresTo1024) {
    auto config = valid_config();
    for (std::int32_t limit : {0, 1, 1024}) {
        config.password_hash_concurrency = limit;
        EXPECT_EQ(rejected_field(config), "<accepted>") << limit;
    }
    for (std::int32_t limit : {-1, 1025, INT32_MIN, INT32_MAX}) {
        config.password_hash_concurrency = limit;
        EXPECT_EQ(rejected_field(config), "password_hash_concurrency") << limit;
    }
    config.password_hash_concurrency = 0;
    EXPECT_GE(config.effective_password_hash_concurrency(), 1);
    config.password_hash_concurrency = 3;
    EXPECT_EQ(config.effective_password_hash_concurrency(), 3);
}

TEST(StoreConfig, PasswordHashWaitRangesFromZeroToAMinute) {
    auto config = valid_config();
    for (std::int32_t wait : {0, 1000, 60000}) {
        config.password_hash_wait_ms = wait;
        EXPECT_EQ(rejected_field(config), "<accepted>") << wait;
    }
    for (std::int32_t wait : {-1, 60001, INT32_MIN, INT32_MAX}) {
        config.password_hash_wait_ms = wait;
        EXPECT_EQ(rejected_field(config), "password_hash_wait_ms") << wait;
    }
}

}  // namespace
}  // namespace libstore
