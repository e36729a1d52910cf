// One test database for the whole integration run, and a per-test fixture that resets it and
// opens a store over the real adapters.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/store.hpp"
#include "test_database.h"

namespace libstore::testing {

inline constexpr const char *kTestSecret = "integration-test-secret-0123456789abcdef";

class DatabaseEnvironment : public ::testing::Environment {
  public:
    void SetUp() override;
    void TearDown() override;
    static test_database_t *database();
};

StoreConfig test_store_config();

class StoreTest : public ::testing::Test {
  protected:
    void SetUp() override;
    test_database_t *database() { return DatabaseEnvironment::database(); }
    // Round trips are counted from here on (and from SetUp).
    void count_from_here();
    // Commands named `name` the store sent since counting started (store_->stats()).
    std::int64_t round_trips(const char *name);
    // Every command the store sent since counting started.
    std::int64_t total_round_trips();
    // Whether this store places and cancels orders in transactions (by its option and the
    // server), so a failure half-way leaves nothing rather than something to recover.
    bool uses_transactions();

    // Accounts for the tests (password "password-123"): a registration body, login
    // credentials, a login to `store` (store_ unless named), and a client registered and logged
    // in to store_.
    static Value registration(const std::string &username);
    static Value credentials(const std::string &username);
    static Session login(Store &store, const std::string &username);
    Session login(const std::string &username) { return login(*store_, username); }
    Session client(const std::string &username);

    std::unique_ptr<Store> store_;

  private:
    Value counted_from_;
};

}  // namespace libstore::testing
