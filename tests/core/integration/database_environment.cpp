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
    config.transactions = parse_transaction_mode(test_database_transactions(g_database));
    return config;
}

void StoreTest::SetUp() {
    ASSERT_TRUE(test_database_reset(database()));
    store_ = open_store(test_store_config());
    count_from_here();
}

namespace {

std::int64_t commands_named(const Value &stats, const char *name) {
    const Value *count = stats.find("commands")->find(name);
    return count != nullptr ? count->as_integer() : 0;
}

std::int64_t all_commands(const Value &stats) {
    std::int64_t total = 0;
    for (const auto &[name, count] : stats.find("commands")->as_object()) {
        total += count.as_integer();
    }
    return total;
}

}  // namespace

Value StoreTest::registration(const std::string &username) {
    Value body = Value::object();
    body.set("username", username)
        .set("email", username + "@example.com")
        .set("password", "password-123");
    return body;
}

Value StoreTest::credentials(const std::string &username) {
    Value body = Value::object();
    body.set("username", username).set("password", "password-123");
    return body;
}

Session StoreTest::login(Store &store, const std::string &username) {
    Value token = store.accounts().login(credentials(username));
    return store.accounts().open_session(token.find("access_token")->as_string());
}

Session StoreTest::client(const std::string &username) {
    store_->accounts().register_user(registration(username));
    return login(username);
}

bool StoreTest::uses_transactions() {
    switch (store_->config().transactions) {
        case TransactionMode::always:
            return true;
        case TransactionMode::never:
            return false;
        case TransactionMode::automatic:
            break;
    }
    return test_database_supports_transactions(database());
}

void StoreTest::count_from_here() {
    counted_from_ = store_->stats();
}

std::int64_t StoreTest::round_trips(const char *name) {
    return commands_named(store_->stats(), name) - commands_named(counted_from_, name);
}

std::int64_t StoreTest::total_round_trips() {
    return all_commands(store_->stats()) - all_commands(counted_from_);
}

}  // namespace libstore::testing
