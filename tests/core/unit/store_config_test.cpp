#include <gtest/gtest.h>

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

}  // namespace
}  // namespace libstore
