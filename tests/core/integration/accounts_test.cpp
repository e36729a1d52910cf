// Accounts over the real MongoDB adapters: uniqueness by index, the one-round-trip session
// check, revocation, lockout records and user listing.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

Value object(std::initializer_list<std::pair<const char *, Value>> members) {
    Value value = Value::object();
    for (const auto &[key, member] : members) {
        value.set(key, member);
    }
    return value;
}

class AccountsIntegrationTest : public StoreTest {
  protected:
    Value register_user(const std::string &username, bool admin = false) {
        Value body = object({{"username", username},
                             {"email", username + "@example.com"},
                             {"password", "password-123"}});
        return admin ? store_->accounts().create_admin(body)
                     : store_->accounts().register_user(body);
    }

    Session login(const std::string &username) {
        Value token = store_->accounts().login(
            object({{"username", username}, {"password", "password-123"}}));
        return store_->accounts().open_session(token.find("access_token")->as_string());
    }
};

TEST_F(AccountsIntegrationTest, UniqueIndexesMakeDuplicatesConflicts) {
    register_user("Ada");
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      store_->accounts().register_user(object({{"username", "aDA"},
                                                               {"email", "x@example.com"},
                                                               {"password", "password-123"}}));
                  },
                  &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "username");
    EXPECT_EQ(code_of(
                  [&] {
                      store_->accounts().register_user(object({{"username", "other"},
                                                               {"email", "ADA@example.com"},
                                                               {"password", "password-123"}}));
                  },
                  &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "email");
}

TEST_F(AccountsIntegrationTest, SessionCheckIsOneRoundTripAndSeesLogout) {
    register_user("ada");
    Session session = login("ada");
    count_from_here();
    store_->accounts().me(session);
    EXPECT_EQ(round_trips("aggregate"), 1);
    EXPECT_EQ(total_round_trips(), 1);
    store_->accounts().logout(session);
    EXPECT_EQ(code_of([&] { store_->accounts().me(session); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(store_->accounts().me(login("ada")));
}

TEST_F(AccountsIntegrationTest, DeactivationAndPasswordChangeEndTokens) {
    register_user("root", true);
    Value ada = register_user("ada");
    Session admin = login("root");
    Session session = login("ada");
    store_->accounts().set_user_active(admin, ada.find("id")->as_string(), false);
    EXPECT_EQ(code_of([&] { store_->accounts().me(session); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { login("ada"); }), ErrorCode::forbidden);
    store_->accounts().set_user_active(admin, ada.find("id")->as_string(), true);
    EXPECT_EQ(code_of([&] { store_->accounts().me(session); }), ErrorCode::unauthenticated);

    Session fresh = login("ada");
    store_->accounts().update_me(fresh, object({{"password", "another-pass-9"}}));
    EXPECT_EQ(code_of([&] { store_->accounts().me(fresh); }), ErrorCode::unauthenticated);
}

TEST_F(AccountsIntegrationTest, LockoutIsRecordedInTheDatabase) {
    register_user("ada");
    Value wrong = object({{"username", "ada"}, {"password", "nope-nope-nope"}});
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(code_of([&] { store_->accounts().login(wrong); }), ErrorCode::unauthenticated);
    }
    try {
        login("ada");
        FAIL() << "locked account logged in";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::rate_limited);
        EXPECT_GT(error.retry_after_seconds(), 800);
    }
}

TEST_F(AccountsIntegrationTest, DeleteMeRemovesTheAccount) {
    register_user("ada");
    Session session = login("ada");
    store_->accounts().delete_me(session);
    EXPECT_EQ(code_of([&] { store_->accounts().me(session); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(register_user("ada"));  // the name is free again
}

TEST_F(AccountsIntegrationTest, ListUsersPagesWithoutRepeats) {
    register_user("root", true);
    for (int i = 0; i < 7; ++i) {
        register_user("user" + std::to_string(i));
    }
    Session admin = login("root");
    std::vector<std::string> ids;
    Value query = object({{"limit", 3}});
    while (true) {
        Value page = store_->accounts().list_users(admin, query);
        for (const auto &item : page.find("items")->as_array()) {
            ids.push_back(item.find("id")->as_string());
        }
        if (page.find("next_cursor")->is_null())
            break;
        query.set("cursor", *page.find("next_cursor"));
    }
    EXPECT_EQ(ids.size(), 8u);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
    Value admins = store_->accounts().list_users(admin, object({{"role", "admin"}}));
    EXPECT_EQ(admins.find("items")->as_array().size(), 1u);
    Value inactive = store_->accounts().list_users(admin, object({{"is_active", "false"}}));
    EXPECT_TRUE(inactive.find("items")->as_array().empty());
}

}  // namespace
}  // namespace libstore::testing
