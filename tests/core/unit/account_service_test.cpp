// AccountService rules over in-memory fakes: registration, login and lockout, sessions,
// profiles and user administration.
#include <gtest/gtest.h>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "core/accounts/account_service.hpp"
#include "code_of.hpp"
#include "core/error.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

Value object(std::initializer_list<std::pair<const char *, Value>> members) {
    Value value = Value::object();
    for (const auto &[key, member] : members) {
        value.set(key, member);
    }
    return value;
}

Value registration(const std::string &username, const std::string &email = "") {
    return object({{"username", username},
                   {"email", email.empty() ? username + "@example.com" : email},
                   {"password", "password-123"}});
}

class AccountServiceTest : public ::testing::Test {
  protected:
    AccountServiceTest()
        : revoked_(users_),
          refresh_tokens_(users_),
          signer_(std::string(32, 'k')),
          accounts_(AccountPorts{users_, revoked_, failures_, hasher_, signer_, clock_}, 900,
                    TokenPorts{refresh_tokens_, one_time_tokens_, opaque_tokens_, mail_},
                    30 * 24 * 3600) {}

    Session login_session(const std::string &username,
                          const std::string &password = "password-123") {
        Value token = accounts_.login(object({{"username", username}, {"password", password}}));
        return accounts_.open_session(token.find("access_token")->as_string());
    }

    FakeUserRepository users_;
    FakeRevokedTokenRepository revoked_;
    FakeRefreshTokenRepository refresh_tokens_;
    FakeLoginFailureRepository failures_;
    FakePasswordHasher hasher_;
    crypto::JwtTokenSigner signer_;
    ManualClock clock_;
    FakeOneTimeTokenRepository one_time_tokens_;
    FakeOpaqueTokens opaque_tokens_;
    RecordingMailHook mail_;
    AccountService accounts_;
};

TEST_F(AccountServiceTest, RegisterReturnsAClientWithoutSecrets) {
    Value user = accounts_.register_user(registration("Ada"));
    EXPECT_EQ(user.find("username")->as_string(), "Ada");
    EXPECT_EQ(user.find("role")->as_string(), "client");
    EXPECT_TRUE(user.find("is_active")->as_bool());
    EXPECT_EQ(user.find("password"), nullptr);
    EXPECT_EQ(user.find("password_hash"), nullptr);
    EXPECT_EQ(user.find("created_at")->as_string().back(), 'Z');
    EXPECT_TRUE(user.find("name")->is_null());
}

TEST_F(AccountServiceTest, RegisterValidatesEveryField) {
    struct Case {
        Value body;
        std::string field;
    };
    std::vector<Case> cases = {
        {object({{"username", "ab"}, {"email", "a@b.co"}, {"password", "password-1"}}), "username"},
        {object({{"username", "bad name"}, {"email", "a@b.co"}, {"password", "password-1"}}),
         "username"},
        {object(
             {{"username", std::string(33, 'a')}, {"email", "a@b.co"}, {"password", "password-1"}}),
         "username"},
        {object({{"username", "ada"}, {"email", "not-an-email"}, {"password", "password-1"}}),
         "email"},
        {object({{"username", "ada"}, {"email", "a@localhost"}, {"password", "password-1"}}),
         "email"},
        {object({{"username", "ada"}, {"email", "a@b.co"}, {"password", "short"}}), "password"},
        {object({{"username", "ada"}, {"email", "a@b.co"}, {"password", std::string(129, 'p')}}),
         "password"},
        {object({{"email", "a@b.co"}, {"password", "password-1"}}), "username"},
        {object({{"username", "ada"},
                 {"email", "a@b.co"},
                 {"password", "password-1"},
                 {"phone", "call me"}}),
         "phone"},
    };
    for (const auto &c : cases) {
        std::string field;
        EXPECT_EQ(code_of([&] { accounts_.register_user(c.body); }, &field),
                  ErrorCode::invalid_argument);
        EXPECT_EQ(field, c.field);
    }
}

TEST_F(AccountServiceTest, RegisterRefusesFieldsCallersMayNotSet) {
    for (const char *field : {"role", "is_active", "_id", "id", "password_hash", "created_at"}) {
        Value body = registration("mallory");
        body.set(field, field == std::string("is_active") ? Value(true) : Value("admin"));
        std::string rejected;
        EXPECT_EQ(code_of([&] { accounts_.register_user(body); }, &rejected),
                  ErrorCode::invalid_argument);
        EXPECT_EQ(rejected, field);
    }
}

TEST_F(AccountServiceTest, OperatorObjectsAreInvalidNotQueries) {
    Value body = registration("eve");
    body.set("username", object({{"$ne", nullptr}}));
    EXPECT_EQ(code_of([&] { accounts_.register_user(body); }), ErrorCode::invalid_argument);
    Value login = object({{"username", object({{"$ne", nullptr}})}, {"password", "x"}});
    EXPECT_EQ(code_of([&] { accounts_.login(login); }), ErrorCode::invalid_argument);
}

TEST_F(AccountServiceTest, DuplicatesAreConflictsCaseInsensitively) {
    accounts_.register_user(registration("Ada", "ada@example.com"));
    std::string field;
    EXPECT_EQ(
        code_of([&] { accounts_.register_user(registration("ADA", "other@example.com")); }, &field),
        ErrorCode::conflict);
    EXPECT_EQ(field, "username");
    EXPECT_EQ(
        code_of([&] { accounts_.register_user(registration("bob", "ADA@example.COM")); }, &field),
        ErrorCode::conflict);
    EXPECT_EQ(field, "email");
}

TEST_F(AccountServiceTest, LoginByUsernameOrEmailIssuesBearerToken) {
    accounts_.register_user(registration("Ada"));
    Value token = accounts_.login(object({{"username", "ADA"}, {"password", "password-123"}}));
    EXPECT_EQ(token.find("token_type")->as_string(), "Bearer");
    EXPECT_EQ(token.find("expires_in")->as_integer(), 900);
    Session session = accounts_.open_session(token.find("access_token")->as_string());
    EXPECT_EQ(session.role, Role::client);
    Value by_email =
        accounts_.login(object({{"email", "ada@EXAMPLE.com"}, {"password", "password-123"}}));
    EXPECT_TRUE(by_email.find("access_token")->is_string());
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
    accounts_.register_user(registration("ada"));
    std::string message_known;
    std::string message_unknown;
    try {
        accounts_.login(object({{"username", "ada"}, {"password", "wrong-password"}}));
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::unauthenticated);
        message_known = error.what();
    }
    int verifications_before = hasher_.verifications;
    try {
        accounts_.login(object({{"username", "nobody"}, {"password", "wrong-password"}}));
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::unauthenticated);
        message_unknown = error.what();
    }
    EXPECT_EQ(message_known, message_unknown);
    // An unknown user still costs a password verification, so timing does not tell them apart.
    EXPECT_EQ(hasher_.verifications, verifications_before + 1);
}

TEST_F(AccountServiceTest, FiveFailuresLockTheAccountUntilTheWindowPasses) {
    accounts_.register_user(registration("ada"));
    Value wrong = object({{"username", "ada"}, {"password", "wrong-password"}});
    for (int i = 0; i < AccountService::kMaxFailedLogins; ++i) {
        EXPECT_EQ(code_of([&] { accounts_.login(wrong); }), ErrorCode::unauthenticated);
        clock_.advance_ms(1000);
    }
    Value right = object({{"username", "ada"}, {"password", "password-123"}});
    try {
        accounts_.login(right);
        FAIL() << "locked account logged in";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::rate_limited);
        EXPECT_GT(error.retry_after_seconds(), 0);
        EXPECT_LE(error.retry_after_seconds(), 15 * 60);
    }
    // Naming the account by email does not get around the lock.
    EXPECT_EQ(
        code_of([&] {
            accounts_.login(object({{"email", "ada@example.com"}, {"password", "password-123"}}));
        }),
        ErrorCode::rate_limited);
    clock_.advance_ms(AccountService::kLockoutWindowMs);
    EXPECT_NO_THROW(accounts_.login(right));
}

TEST_F(AccountServiceTest, UnknownAccountsAreRateLimitedToo) {
    Value wrong = object({{"username", "ghost"}, {"password", "wrong-password"}});
    for (int i = 0; i < AccountService::kMaxFailedLogins; ++i) {
        EXPECT_EQ(code_of([&] { accounts_.login(wrong); }), ErrorCode::unauthenticated);
    }
    EXPECT_EQ(code_of([&] { accounts_.login(wrong); }), ErrorCode::rate_limited);
}

TEST_F(AccountServiceTest, InactiveUserCannotLogIn) {
    accounts_.create_admin(registration("root"));
    Value user = accounts_.register_user(registration("ada"));
    Session admin = login_session("root");
    accounts_.set_user_active(admin, user.find("id")->as_string(), false);
    EXPECT_EQ(code_of([&] { login_session("ada"); }), ErrorCode::forbidden);
}

TEST_F(AccountServiceTest, OutdatedHashIsUpgradedOnLogin) {
    accounts_.register_user(registration("ada"));
    hasher_.upgrade();
    int hashes_before = hasher_.hashes;
    login_session("ada");
    EXPECT_EQ(hasher_.hashes, hashes_before + 1);
    login_session("ada");
    EXPECT_EQ(hasher_.hashes, hashes_before + 1) << "a current hash was rehashed";
}

TEST_F(AccountServiceTest, LogoutRevokesOnlyThatToken) {
    accounts_.register_user(registration("ada"));
    Session first = login_session("ada");
    Session second = login_session("ada");
    accounts_.logout(first);
    EXPECT_EQ(code_of([&] { accounts_.me(first); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(accounts_.me(second));
}

TEST_F(AccountServiceTest, ExpiredTokensAreRefused) {
    accounts_.register_user(registration("ada"));
    Value token = accounts_.login(object({{"username", "ada"}, {"password", "password-123"}}));
    std::string access = token.find("access_token")->as_string();
    Session session = accounts_.open_session(access);
    clock_.advance_ms(901 * 1000);
    EXPECT_EQ(code_of([&] { accounts_.open_session(access); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { accounts_.me(session); }), ErrorCode::unauthenticated);
}

TEST_F(AccountServiceTest, GarbageTokensAreUnauthenticated) {
    for (const char *token : {"", "abc", "a.b.c", "a.b.c.d"}) {
        EXPECT_EQ(code_of([&] { accounts_.open_session(token); }), ErrorCode::unauthenticated);
    }
}

TEST_F(AccountServiceTest, DeactivationEndsSessionsAtOnceAndActivationDoesNotRevive) {
    accounts_.create_admin(registration("root"));
    Value user = accounts_.register_user(registration("ada"));
    std::string id = user.find("id")->as_string();
    Session admin = login_session("root");
    Session ada = login_session("ada");
    Value deactivated = accounts_.set_user_active(admin, id, false);
    EXPECT_FALSE(deactivated.find("is_active")->as_bool());
    EXPECT_EQ(code_of([&] { accounts_.me(ada); }), ErrorCode::forbidden);
    accounts_.set_user_active(admin, id, true);
    EXPECT_EQ(code_of([&] { accounts_.me(ada); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(accounts_.me(login_session("ada")));
}

TEST_F(AccountServiceTest, AdminsCannotBeDeactivatedAndClientsCannotAdminister) {
    Value root = accounts_.create_admin(registration("root"));
    Value other = accounts_.create_admin(registration("root2"));
    Value user = accounts_.register_user(registration("ada"));
    Session admin = login_session("root");
    Session ada = login_session("ada");
    EXPECT_EQ(
        code_of([&] { accounts_.set_user_active(admin, other.find("id")->as_string(), false); }),
        ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { accounts_.set_user_active(ada, user.find("id")->as_string(), false); }),
              ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { accounts_.list_users(ada, Value::object()); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { accounts_.set_user_active(admin, "not-an-id", false); }),
              ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { accounts_.set_user_active(admin, std::string(24, 'f'), false); }),
              ErrorCode::not_found);
}

TEST_F(AccountServiceTest, PasswordChangeEndsEveryTokenAndTheNewPasswordWorks) {
    accounts_.register_user(registration("ada"));
    Session first = login_session("ada");
    Session second = login_session("ada");
    accounts_.update_me(first, object({{"password", "new-password-456"}}));
    EXPECT_EQ(code_of([&] { accounts_.me(first); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { accounts_.me(second); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { login_session("ada"); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(login_session("ada", "new-password-456"));
}

TEST_F(AccountServiceTest, ProfileUpdatesValidateAndClear) {
    accounts_.register_user(registration("ada"));
    accounts_.register_user(registration("bob"));
    Session ada = login_session("ada");
    Value updated =
        accounts_.update_me(ada, object({{"name", "Ada L."}, {"phone", "+44 20 1234"}}));
    EXPECT_EQ(updated.find("name")->as_string(), "Ada L.");
    updated = accounts_.update_me(ada, object({{"name", nullptr}}));
    EXPECT_TRUE(updated.find("name")->is_null());
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.update_me(ada, object({{"role", "admin"}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "role");
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.update_me(ada, object({{"email", "BOB@example.com"}}));
                  },
                  &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "email");
    EXPECT_EQ(code_of([&] { accounts_.update_me(ada, Value::object()); }),
              ErrorCode::invalid_argument);
}

TEST_F(AccountServiceTest, DeletedAccountsTokensDie) {
    accounts_.register_user(registration("ada"));
    Session ada = login_session("ada");
    accounts_.delete_me(ada);
    EXPECT_EQ(code_of([&] { accounts_.me(ada); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { login_session("ada"); }), ErrorCode::unauthenticated);
}

TEST_F(AccountServiceTest, ListUsersFiltersAndPaginates) {
    accounts_.create_admin(registration("root"));
    for (int i = 0; i < 5; ++i) {
        accounts_.register_user(registration("user" + std::to_string(i)));
    }
    Session admin = login_session("root");
    Value page = accounts_.list_users(admin, object({{"role", "client"}, {"limit", "2"}}));
    std::vector<std::string> seen;
    while (true) {
        for (const auto &item : page.find("items")->as_array()) {
            EXPECT_EQ(item.find("role")->as_string(), "client");
            seen.push_back(item.find("username")->as_string());
        }
        const Value *cursor = page.find("next_cursor");
        if (cursor->is_null()) {
            break;
        }
        page = accounts_.list_users(
            admin, object({{"role", "client"}, {"limit", 2}, {"cursor", *cursor}}));
    }
    EXPECT_EQ(seen.size(), 5u);
    Value one = accounts_.list_users(admin, object({{"username", "USER3"}}));
    ASSERT_EQ(one.find("items")->as_array().size(), 1u);
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.list_users(admin, object({{"limit", 101}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "limit");
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.list_users(admin, object({{"cursor", "!!"}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.list_users(admin, object({{"sort", "x"}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "sort");
}

TEST_F(AccountServiceTest, EverySessionCallRechecksTheAccount) {
    accounts_.register_user(registration("ada"));
    Session ada = login_session("ada");
    int before = users_.account_checks;
    accounts_.me(ada);
    accounts_.recheck(ada);
    EXPECT_EQ(users_.account_checks, before + 2);
}

}  // namespace
}  // namespace libstore::testing
