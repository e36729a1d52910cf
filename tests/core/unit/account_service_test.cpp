// AccountService rules over in-memory fakes: registration, login and lockout, sessions,
// profiles and user administration.
#include <gtest/gtest.h>

#include "fakes/fake_audit.hpp"
#include "adapters/crypto/jwt_token_signer.hpp"
#include "core/accounts/account_service.hpp"
#include "code_of.hpp"
#include "core/error.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_events.hpp"
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
          audit_(audit_entries_, clock_),
          accounts_(AccountPorts{users_, revoked_, failures_, hasher_, signer_, clock_, audit_,
                                 database_, events_},
                    900, TokenPorts{refresh_tokens_, one_time_tokens_, opaque_tokens_, mail_},
                    30 * 24 * 3600) {}

    Session login_session(const std::string &username,
                          const std::string &password = "password-123") {
        Value token = accounts_.login(object({{"username", username}, {"password", password}}));
        return accounts_.open_session(token.find("access_token")->as_string());
    }

    FakeUserRepository users_;
    FakeDatabase database_;
    FakeEventStore events_;
    FakeRevokedTokenRepository revoked_;
    FakeRefreshTokenRepository refresh_tokens_;
    FakeLoginFailureRepository failures_;
    FakePasswordHasher hasher_;
    crypto::JwtTokenSigner signer_;
    ManualClock clock_;
    FakeOneTimeTokenRepository one_time_tokens_;
    FakeOpaqueTokens opaque_tokens_;
    RecordingMailHook mail_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
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

TEST_F(AccountServiceTest, EveryPasswordCallTakesAHashingTurnAndIsRefusedWithoutOne) {
    accounts_.register_user(registration("ada"));
    Session ada = login_session("ada");
    EXPECT_EQ(hasher_.turns, 1);  // the login's, taken ahead of its verification
    hasher_.busy = true;
    Value wrong = object({{"username", "ada"}, {"password", "wrong-password"}});
    std::string field;
    // Refused before the failure is counted: a busy hasher never locks anybody out.
    for (int i = 0; i <= AccountService::kMaxFailedLogins; ++i) {
        EXPECT_EQ(code_of([&] { accounts_.login(wrong); }, &field), ErrorCode::rate_limited);
        EXPECT_EQ(field, "password");
    }
    EXPECT_EQ(code_of([&] { accounts_.register_user(registration("bob")); }, &field),
              ErrorCode::rate_limited);
    EXPECT_EQ(code_of([&] {
                  accounts_.update_me(ada, object({{"password", "another-password"}}));
              }),
              ErrorCode::rate_limited);
    // A change without a password hashes nothing and needs no turn.
    accounts_.update_me(ada, object({{"name", "Ada L."}}));
    hasher_.busy = false;
    EXPECT_NO_THROW(login_session("ada"));
    EXPECT_EQ(code_of([&] {
                  accounts_.login(object({{"username", "bob"}, {"password", "password-123"}}));
              }),
              ErrorCode::unauthenticated);
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

// Roles and permissions

class RoleTest : public AccountServiceTest {
  protected:
    RoleTest() {
        root_id_ = accounts_.create_admin(registration("root")).find("id")->as_string();
        root_ = login_session("root");
    }

    std::string staff(const std::string &username, std::initializer_list<const char *> granted) {
        std::string id = accounts_.register_user(registration(username)).find("id")->as_string();
        Value::Array names;
        for (const char *name : granted) {
            names.emplace_back(name);
        }
        accounts_.set_role(root_, id, object({{"role", "staff"}, {"permissions", names}}));
        return id;
    }

    std::string root_id_;
    Session root_;
};

TEST_F(RoleTest, RoleChangeEndsTokensAndTheNewRoleComesWithItsPermissions) {
    std::string id = accounts_.register_user(registration("ada")).find("id")->as_string();
    Session before = login_session("ada");
    Value changed = accounts_.set_role(
        root_, id, object({{"role", "staff"}, {"permissions", Value::Array{"view_audit"}}}));
    EXPECT_EQ(changed.find("role")->as_string(), "staff");
    ASSERT_EQ(changed.find("permissions")->as_array().size(), 1U);
    EXPECT_EQ(code_of([&] { accounts_.me(before); }), ErrorCode::unauthenticated);
    Session after = accounts_.recheck(login_session("ada"));
    EXPECT_EQ(after.role, Role::staff);
    EXPECT_TRUE(after.may(Permission::view_audit));
    EXPECT_FALSE(after.may(Permission::manage_users));
    EXPECT_EQ(code_of([&] { accounts_.list_users(after, Value::object()); }), ErrorCode::forbidden);
}

TEST_F(RoleTest, NobodyChangesTheirOwnRoleAndOnlyAdminsChangeRoles) {
    EXPECT_EQ(code_of([&] {
                  accounts_.set_role(root_, root_id_, object({{"role", "client"}}));
              }),
              ErrorCode::forbidden);
    std::string manager_id = staff("manager", {"manage_users"});
    Session manager = login_session("manager");
    std::string ada = accounts_.register_user(registration("ada")).find("id")->as_string();
    EXPECT_EQ(code_of([&] {
                  accounts_.set_role(manager, ada, object({{"role", "staff"}}));
              }),
              ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] {
                  accounts_.set_role(root_, std::string(24, 'f'), object({{"role", "client"}}));
              }),
              ErrorCode::not_found);
    EXPECT_EQ(code_of([&] {
                  accounts_.set_role(root_, ada, object({{"role", "root"}}));
              }),
              ErrorCode::invalid_argument);
    EXPECT_FALSE(manager_id.empty());
}

TEST_F(RoleTest, TheLastActiveAdminIsNotDemotedAndTheChangeIsUndone) {
    std::string other = accounts_.create_admin(registration("root2")).find("id")->as_string();
    Session second = login_session("root2");
    // root demotes root2 while root2 demotes root: the racing demotion lands right after ours.
    users_.after_set_role = [&] {
        users_.after_set_role = nullptr;
        ASSERT_TRUE(users_.set_role(root_id_, Role::admin, Role::client, {}, "").has_value());
    };
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.set_role(root_, other, object({{"role", "client"}}));
                  },
                  &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "role");
    EXPECT_EQ(users_.find_by_id(other)->role, Role::admin);  // undone
    EXPECT_EQ(users_.count_active_admins(), 1);
    EXPECT_TRUE(audit_entries_.committed().empty());
    EXPECT_TRUE(audit_entries_.entries.empty());
    // With another active admin left, a demotion goes through.
    accounts_.create_admin(registration("root3"));
    EXPECT_EQ(accounts_.set_role(login_session("root2"), root_id_, object({{"role", "admin"}}))
                  .find("role")
                  ->as_string(),
              "admin");
    EXPECT_EQ(code_of([&] { accounts_.me(second); }), ErrorCode::unauthenticated);
}

TEST_F(RoleTest, StaffManageClientsButNotStaffOrAdmins) {
    staff("manager", {"manage_users"});
    std::string other_staff = staff("cataloguer", {"manage_catalog"});
    std::string ada = accounts_.register_user(registration("ada")).find("id")->as_string();
    Session manager = login_session("manager");
    EXPECT_FALSE(accounts_.set_user_active(manager, ada, false).find("is_active")->as_bool());
    EXPECT_TRUE(accounts_.set_user_active(manager, ada, true).find("is_active")->as_bool());
    EXPECT_EQ(code_of([&] { accounts_.set_user_active(manager, other_staff, false); }),
              ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { accounts_.set_user_active(manager, root_id_, false); }),
              ErrorCode::forbidden);
    EXPECT_FALSE(accounts_.set_user_active(root_, other_staff, false).find("is_active")->as_bool());
    EXPECT_NO_THROW(accounts_.list_users(manager, Value::object()));
}

TEST_F(RoleTest, AdminWritesOnAccountsAreAudited) {
    std::string ada = accounts_.register_user(registration("ada")).find("id")->as_string();
    accounts_.set_user_active(root_, ada, false);
    accounts_.set_role(root_, ada, object({{"role", "staff"}, {"permissions", Value::Array{}}}));
    EXPECT_EQ(code_of([&] {
                  accounts_.set_role(root_, root_id_, object({{"role", "client"}}));
              }),
              ErrorCode::forbidden);
    auto entries = audit_entries_.committed();
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].action, "user.deactivate");
    EXPECT_EQ(entries[1].action, "user.role");
    EXPECT_EQ(entries[1].summary, "client -> staff []");
    EXPECT_EQ(entries[1].target_id, ada);
    EXPECT_EQ(entries[1].actor_id, root_id_);
    EXPECT_TRUE(audit_entries_.stale_pending(clock_.now_ms()).empty());
}

}  // namespace
}  // namespace libstore::testing
