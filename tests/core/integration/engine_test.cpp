#include <gtest/gtest.h>

#include <chrono>

#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

class EngineTest : public StoreTest {};

TEST_F(EngineTest, PingIsOneRoundTrip) {
    store_->ping();
    EXPECT_EQ(round_trips("ping"), 1);
    EXPECT_EQ(total_round_trips(), 1);
}

TEST_F(EngineTest, OpeningAgainIsIdempotent) {
    auto second = open_store(test_store_config());
    EXPECT_NO_THROW(second->ping());
}

TEST(EngineOpen, UnreachableDatabaseOpensButPingIsUnavailableInTime) {
    auto config = test_store_config();
    config.uri = "mongodb://127.0.0.1:9/";
    config.server_selection_timeout_ms = 300;
    auto store = open_store(config);
    auto started = std::chrono::steady_clock::now();
    try {
        store->ping();
        FAIL() << "ping to a closed port succeeded";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::unavailable);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(EngineOpen, MalformedUriIsInvalidArgument) {
    auto config = test_store_config();
    config.uri = "mongodb://host:notaport";
    try {
        open_store(config);
        FAIL() << "malformed URI accepted";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "uri");
    }
}

}  // namespace
}  // namespace libstore::testing
