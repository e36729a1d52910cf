#include "database_environment.hpp"

#include "engine/open_store.hpp"

namespace libstore::testing {

namespace {
test_database_t *g_database = nullptr;
}

void DatabaseEnvironment::SetUp() {
    g_database = test_database_start();
    ASSERT_NE(g_database, nullptr) << "could not start the test database";
}

void DatabaseEnvironment::TearDown() {
    test_database_free(g_database);
    g_database = nullptr;
}

test_database_t *DatabaseEnvironment::database() {
    return g_database;
}

StoreConfig test_store_config() {
    StoreConfig config;
    config.uri = test_database_uri(g_database);
    config.database = test_database_name(g_database);
    config.token_secret = kTestSecret;
    config.password_cost = PasswordCost::minimum;
    config.server_selection_timeout_ms = 2000;
    return config;
}

void StoreTest::SetUp() {
    ASSERT_TRUE(test_database_reset(database()));
    store_ = open_store(test_store_config());
    ASSERT_TRUE(test_database_reset_counters(database()) || !test_database_is_standin(database()));
}

std::int64_t StoreTest::round_trips(const char *name) {
    return test_database_counter(database(), name);
}

}  // namespace libstore::testing
