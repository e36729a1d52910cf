// Refresh-token rotation and families, password reset and email verification over in-memory
// fakes and the manual clock.
#include <gtest/gtest.h>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "code_of.hpp"
#include "core/accounts/account_service.hpp"
#include "core/error.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_events.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

constexpr std::int64_t kRefreshLifetime = 30 * 24 * 3600;

Value object(std::initializer_list<std::pair<const char *, Value>> members) {
    Value value = Value::object();
    for (const auto &[key, member] : members) {
        value.set(key, member);
    }
    return value;
}

std::string text(const Value &object, const char *key) {
    return object.find(key)->as_string();
}

class AccountTokensTest : public ::testing::Test {
  protected:
    AccountTokensTest()
        : revoked_(users_),
          refresh_tokens_(users_),
          signer_(std::string(32, 'k')),
          accounts_(AccountPorts{users_, revoked_, failures_, hasher_, signer_, clock_, audit_,
                                 database_, events_},
                    900, TokenPorts{refresh_tokens_, one_time_tokens_, opaque_tokens_, mail_},
                    kRefreshLifetime) {
        ada_ = accounts_.register_user(object(
            {{"username", "ada"}, {"email", "Ada@Example.com"}, {"password", "password-123"}}));
    }

    Value login(const std::string &password = "password-123") {
        return accounts_.login(object({{"username", "ada"}, {"password", password}}));
    }
    Value refresh(const Value &tokens) {
        return accounts_.refresh(
            object({{"refresh_token", tokens.find("refresh_token")->as_string()}}));
    }
    Session session_of(const Value &tokens) {
        return accounts_.open_session(text(tokens, "access_token"));
    }
    ErrorCode me_code(const Value &tokens) {
        return code_of([&] { accounts_.me(session_of(tokens)); });
    }
    // The token of the last message mailed, checking its kind and address.
    std::string mailed_token(const char *kind) {
        EXPECT_FALSE(mail_.messages.empty());
        if (mail_.messages.empty()) {
            return "";
        }
        const Value &message = mail_.messages.back();
        EXPECT_EQ(text(message, "kind"), kind);
        EXPECT_EQ(text(message, "to"), "Ada@Example.com");
        EXPECT_EQ(text(message, "created_at").back(), 'Z');
        return text(message, "token");
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
    AuditTrail audit_{audit_entries_, clock_};
    AccountService accounts_;
    Value ada_;
};

TEST_F(AccountTokensTest, LoginAddsARefreshTokenStoredOnlyAsItsDigest) {
    Value tokens = login();
    EXPECT_EQ(tokens.find("refresh_expires_in")->as_integer(), kRefreshLifetime);
    std::string refresh_token = text(tokens, "refresh_token");
    ASSERT_EQ(refresh_tokens_.tokens.size(), 1u);
    const RefreshToken &stored = refresh_tokens_.tokens.begin()->second;
    EXPECT_EQ(stored.digest, opaque_tokens_.digest(refresh_token));
    EXPECT_NE(stored.digest, refresh_token);
    EXPECT_EQ(stored.user_id, text(ada_, "id"));
    EXPECT_EQ(stored.expires_at_ms, clock_.now_ms() + kRefreshLifetime * 1000);
    EXPECT_FALSE(stored.spent);
    // The access token names the login it belongs to.
    EXPECT_EQ(session_of(tokens).family_id, stored.family_id);
    EXPECT_NE(login().find("refresh_token")->as_string(), refresh_token);
    EXPECT_NE(session_of(login()).family_id, stored.family_id);
}

TEST_F(AccountTokensTest, RefreshRotatesWithinTheFamily) {
    Value first = login();
    Value second = refresh(first);
    EXPECT_NE(text(second, "refresh_token"), text(first, "refresh_token"));
    EXPECT_NE(text(second, "access_token"), text(first, "access_token"));
    EXPECT_EQ(text(second, "token_type"), "Bearer");
    EXPECT_EQ(second.find("expires_in")->as_integer(), 900);
    EXPECT_EQ(session_of(second).family_id, session_of(first).family_id);
    EXPECT_EQ(text(accounts_.me(session_of(second)), "id"), text(ada_, "id"));
    Value third = refresh(second);
    EXPECT_EQ(text(accounts_.me(session_of(third)), "username"), "ada");
}

TEST_F(AccountTokensTest, ReusingASpentTokenEndsTheWholeFamily) {
    Value first = login();
    Value other_login = login();
    Value second = refresh(first);
    EXPECT_EQ(code_of([&] { refresh(first); }), ErrorCode::unauthenticated);
    // The thief's and the owner's tokens of that login are all dead now...
    EXPECT_EQ(code_of([&] { refresh(second); }), ErrorCode::unauthenticated);
    EXPECT_EQ(me_code(second), ErrorCode::unauthenticated);
    EXPECT_EQ(me_code(first), ErrorCode::unauthenticated);
    // ...and other logins of the account are not touched.
    EXPECT_EQ(text(accounts_.me(session_of(other_login)), "username"), "ada");
    EXPECT_TRUE(refresh(other_login).find("access_token")->is_string());
}

TEST_F(AccountTokensTest, RefreshTokensExpire) {
    Value tokens = login();
    clock_.advance_ms(kRefreshLifetime * 1000 - 1);
    Value renewed = refresh(tokens);
    clock_.advance_ms(kRefreshLifetime * 1000);
    EXPECT_EQ(code_of([&] { refresh(renewed); }), ErrorCode::unauthenticated);
}

TEST_F(AccountTokensTest, UnknownRefreshTokensAreRefusedAndMalformedOnesNamed) {
    std::string field;
    EXPECT_EQ(code_of([&] {
                  accounts_.refresh(object({{"refresh_token", "nope"}}));
              }),
              ErrorCode::unauthenticated);
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.refresh(object({{"refresh_token", 5}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "refresh_token");
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.refresh(object({{"refresh_token", std::string(257, 'a')}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "refresh_token");
    EXPECT_EQ(code_of([&] { accounts_.refresh(object({})); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "refresh_token");
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.refresh(object({{"refresh_token", "x"}, {"extra", 1}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "extra");
}

TEST_F(AccountTokensTest, APasswordChangeEndsRefreshTokens) {
    Value tokens = login();
    accounts_.update_me(session_of(tokens), object({{"password", "another-password"}}));
    EXPECT_EQ(code_of([&] { refresh(tokens); }), ErrorCode::unauthenticated);
}

TEST_F(AccountTokensTest, ADeactivatedAccountCannotRefresh) {
    Value tokens = login();
    Value renewed = refresh(tokens);
    users_.set_active(text(ada_, "id"), false, Role::client, "");
    EXPECT_EQ(code_of([&] { refresh(renewed); }), ErrorCode::forbidden);
}

TEST_F(AccountTokensTest, ATokenIssuedBeforeDeactivationDiesWithIt) {
    Value tokens = login();
    users_.set_active(text(ada_, "id"), false, Role::client, "");
    users_.set_active(text(ada_, "id"), true, Role::client, "");
    EXPECT_EQ(code_of([&] { refresh(tokens); }), ErrorCode::unauthenticated);
}

TEST_F(AccountTokensTest, ADeletedAccountsRefreshTokensAreRefused) {
    Value tokens = login();
    accounts_.delete_me(session_of(tokens));
    EXPECT_EQ(code_of([&] { refresh(tokens); }), ErrorCode::unauthenticated);
}

TEST_F(AccountTokensTest, LogoutEndsTheLoginsRefreshAndAccessTokens) {
    Value first = login();
    Value second = refresh(first);
    Value third = refresh(second);
    Value other_login = login();
    accounts_.logout(session_of(second));
    EXPECT_EQ(code_of([&] { refresh(third); }), ErrorCode::unauthenticated);
    EXPECT_EQ(me_code(third), ErrorCode::unauthenticated);
    EXPECT_EQ(me_code(second), ErrorCode::unauthenticated);
    EXPECT_EQ(text(accounts_.me(session_of(other_login)), "username"), "ada");
}

TEST_F(AccountTokensTest, PasswordResetMailsASingleUseTokenThatSetsThePassword) {
    Value before = login();
    accounts_.request_password_reset(object({{"email", "ADA@example.COM"}}));
    ASSERT_EQ(mail_.messages.size(), 1u);
    std::string token = mailed_token("password_reset");
    // Stored only as its digest.
    EXPECT_EQ(one_time_tokens_.tokens.count(opaque_tokens_.digest(token)), 1u);
    EXPECT_EQ(one_time_tokens_.tokens.count(token), 0u);

    accounts_.reset_password(object({{"token", token}, {"password", "brand-new-pass"}}));
    EXPECT_EQ(code_of([&] { login("password-123"); }), ErrorCode::unauthenticated);
    EXPECT_TRUE(login("brand-new-pass").find("access_token")->is_string());
    // Every token issued before is dead.
    EXPECT_EQ(me_code(before), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { refresh(before); }), ErrorCode::unauthenticated);
    std::string field;
    EXPECT_EQ(
        code_of(
            [&] {
                accounts_.reset_password(object({{"token", token}, {"password", "third-pass"}}));
            },
            &field),
        ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
}

TEST_F(AccountTokensTest, AResetRefusedForWantOfAHashingTurnLeavesTheTokenForTheRetry) {
    accounts_.request_password_reset(object({{"email", "ada@example.com"}}));
    std::string token = mailed_token("password_reset");
    Value reset = object({{"token", token}, {"password", "brand-new-pass"}});
    hasher_.busy = true;
    std::string field;
    EXPECT_EQ(code_of([&] { accounts_.reset_password(reset); }, &field), ErrorCode::rate_limited);
    EXPECT_EQ(field, "password");
    hasher_.busy = false;
    accounts_.reset_password(reset);
    EXPECT_TRUE(login("brand-new-pass").find("access_token")->is_string());
}

TEST_F(AccountTokensTest, ResetTokensExpireAfterThirtyMinutes) {
    accounts_.request_password_reset(object({{"email", "ada@example.com"}}));
    std::string token = mailed_token("password_reset");
    clock_.advance_ms(EmailTokens::kPasswordResetLifetimeMs);
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.reset_password(
                          object({{"token", token}, {"password", "brand-new-pass"}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
    EXPECT_TRUE(login().find("access_token")->is_string());
}

TEST_F(AccountTokensTest, AResetPasswordFollowsTheRulesWithoutUsingTheToken) {
    accounts_.request_password_reset(object({{"email", "ada@example.com"}}));
    std::string token = mailed_token("password_reset");
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.reset_password(object({{"token", token}, {"password", "short"}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "password");
    accounts_.reset_password(object({{"token", token}, {"password", "long-enough-now"}}));
    EXPECT_TRUE(login("long-enough-now").find("access_token")->is_string());
}

TEST_F(AccountTokensTest, ResetAnswersAlikeForUnknownAndInactiveAccounts) {
    auto work_of = [&](const char *email) {
        int generated = opaque_tokens_.generated;
        int digests = opaque_tokens_.digests;
        accounts_.request_password_reset(object({{"email", email}}));
        return std::make_pair(opaque_tokens_.generated - generated,
                              opaque_tokens_.digests - digests);
    };
    auto known = work_of("ada@example.com");
    EXPECT_EQ(mail_.messages.size(), 1u);
    auto unknown = work_of("nobody@example.com");
    EXPECT_EQ(known, unknown);
    EXPECT_EQ(mail_.messages.size(), 1u);
    users_.set_active(text(ada_, "id"), false, Role::client, "");
    EXPECT_EQ(work_of("ada@example.com"), known);
    EXPECT_EQ(mail_.messages.size(), 1u);
    EXPECT_EQ(one_time_tokens_.tokens.size(), 1u);
}

TEST_F(AccountTokensTest, AResetEndsTheOtherResetsOfTheAccount) {
    accounts_.request_password_reset(object({{"email", "ada@example.com"}}));
    std::string first = mailed_token("password_reset");
    accounts_.request_password_reset(object({{"email", "ada@example.com"}}));
    std::string second = mailed_token("password_reset");
    accounts_.reset_password(object({{"token", second}, {"password", "brand-new-pass"}}));
    EXPECT_EQ(
        code_of([&] {
            accounts_.reset_password(object({{"token", first}, {"password", "other-pass-1"}}));
        }),
        ErrorCode::invalid_argument);
}

TEST_F(AccountTokensTest, EmailVerificationMarksTheAddressVerified) {
    EXPECT_FALSE(ada_.find("email_verified")->as_bool());
    Session session = session_of(login());
    accounts_.request_email_verification(session);
    std::string token = mailed_token("verify_email");
    // A reset token is no verification token, nor the other way round.
    EXPECT_EQ(
        code_of([&] {
            accounts_.reset_password(object({{"token", token}, {"password", "brand-new-pass"}}));
        }),
        ErrorCode::invalid_argument);
    Value user = accounts_.verify_email(object({{"token", token}}));
    EXPECT_TRUE(user.find("email_verified")->as_bool());
    EXPECT_TRUE(accounts_.me(session).find("email_verified")->as_bool());
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.verify_email(object({{"token", token}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
    // A new address is unverified again; a change of case only is the same address.
    EXPECT_TRUE(accounts_.update_me(session, object({{"email", "ADA@example.com"}}))
                    .find("email_verified")
                    ->as_bool());
    EXPECT_FALSE(accounts_.update_me(session, object({{"email", "ada@elsewhere.org"}}))
                     .find("email_verified")
                     ->as_bool());
}

TEST_F(AccountTokensTest, AVerificationTokenIsBoundToTheAddressItWentTo) {
    Session session = session_of(login());
    accounts_.request_email_verification(session);
    std::string token = mailed_token("verify_email");
    accounts_.update_me(session, object({{"email", "ada@elsewhere.org"}}));
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts_.verify_email(object({{"token", token}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
    EXPECT_FALSE(accounts_.me(session).find("email_verified")->as_bool());
}

TEST_F(AccountTokensTest, VerificationTokensExpireAfterADay) {
    Session session = session_of(login());
    accounts_.request_email_verification(session);
    std::string token = mailed_token("verify_email");
    clock_.advance_ms(EmailTokens::kVerifyEmailLifetimeMs);
    EXPECT_EQ(code_of([&] {
                  accounts_.verify_email(object({{"token", token}}));
              }),
              ErrorCode::invalid_argument);
}

TEST_F(AccountTokensTest, ALoggedOutSessionCannotAskForVerification) {
    Session session = session_of(login());
    accounts_.logout(session);
    EXPECT_EQ(code_of([&] { accounts_.request_email_verification(session); }),
              ErrorCode::unauthenticated);
    EXPECT_TRUE(mail_.messages.empty());
}

// Two presenters race one token: the loser ends the family, possibly before the winner has
// stored its new refresh token. That token must die with the family all the same.
TEST_F(AccountTokensTest, ATokenStoredAfterItsFamilyEndedIsRefused) {
    Value first = login();
    Value winner = refresh(first);
    // As the race may leave it: the winner's token stored again after the family was removed.
    RefreshToken survivor =
        refresh_tokens_.tokens.at(opaque_tokens_.digest(text(winner, "refresh_token")));
    EXPECT_EQ(code_of([&] { refresh(first); }), ErrorCode::unauthenticated);
    EXPECT_TRUE(refresh_tokens_.tokens.empty());
    refresh_tokens_.insert(survivor);
    EXPECT_EQ(code_of([&] { refresh(winner); }), ErrorCode::unauthenticated);
    EXPECT_EQ(me_code(winner), ErrorCode::unauthenticated);
}

TEST_F(AccountTokensTest, AFamilysRevocationOutlivesItsRefreshTokens) {
    Value first = login();
    Value second = refresh(first);
    EXPECT_EQ(code_of([&] { refresh(first); }), ErrorCode::unauthenticated);
    std::string family = session_of(second).family_id;
    EXPECT_GE(users_.revoked_families.at(family), clock_.now_ms() + kRefreshLifetime * 1000);
}

}  // namespace
}  // namespace libstore::testing
