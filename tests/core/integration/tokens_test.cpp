// Refresh tokens, password reset and email verification over the real MongoDB adapters: the
// conditional spend under concurrency, family revocation seen by the one-round-trip session
// check, single-use mailed tokens.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

Value object(std::initializer_list<std::pair<const char *, Value>> members) {
    Value value = Value::object();
    for (const auto &[key, member] : members) {
        value.set(key, member);
    }
    return value;
}

class Mailbox final : public MailHook {
  public:
    explicit Mailbox(std::vector<Value> &messages) : messages_(messages) {}
    void send(const Value &message) override {
        std::lock_guard<std::mutex> lock(mutex_);
        messages_.push_back(message);
    }

  private:
    std::vector<Value> &messages_;
    std::mutex mutex_;
};

class TokensIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_ = open_store(test_store_config(), std::make_unique<Mailbox>(mail_));
        store_->accounts().register_user(object(
            {{"username", "ada"}, {"email", "ada@example.com"}, {"password", "password-123"}}));
        count_from_here();
    }

    AccountService &accounts() { return store_->accounts(); }
    Value login() {
        return accounts().login(object({{"username", "ada"}, {"password", "password-123"}}));
    }
    Value refresh(const Value &tokens) {
        return accounts().refresh(
            object({{"refresh_token", tokens.find("refresh_token")->as_string()}}));
    }
    Session session_of(const Value &tokens) {
        return accounts().open_session(tokens.find("access_token")->as_string());
    }
    std::string last_mailed_token(const char *kind) {
        EXPECT_FALSE(mail_.empty());
        if (mail_.empty()) {
            return "";
        }
        EXPECT_EQ(mail_.back().find("kind")->as_string(), kind);
        EXPECT_EQ(mail_.back().find("to")->as_string(), "ada@example.com");
        return mail_.back().find("token")->as_string();
    }

    std::vector<Value> mail_;
};

TEST_F(TokensIntegrationTest, RotationAndReuseOverTheDatabase) {
    Value first = login();
    Value second = refresh(first);
    EXPECT_EQ(accounts().me(session_of(second)).find("username")->as_string(), "ada");
    EXPECT_EQ(code_of([&] { refresh(first); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { refresh(second); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { accounts().me(session_of(second)); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { accounts().me(session_of(first)); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(accounts().me(session_of(login())));
}

TEST_F(TokensIntegrationTest, TheSessionCheckStaysOneRoundTripWithFamilies) {
    Session session = session_of(refresh(login()));
    count_from_here();
    accounts().me(session);
    EXPECT_EQ(round_trips("aggregate"), 1);
    EXPECT_EQ(total_round_trips(), 1);
    accounts().logout(session);
    EXPECT_EQ(code_of([&] { accounts().me(session); }), ErrorCode::unauthenticated);
}

TEST_F(TokensIntegrationTest, OfRacingRefreshesExactlyOneWins) {
    Value tokens = login();
    constexpr int kRacers = 8;
    std::atomic<int> ready{0};
    std::atomic<int> won{0};
    std::atomic<int> refused{0};
    std::vector<Value> winners(kRacers);
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
        racers.emplace_back([&, i] {
            ++ready;
            while (ready.load() < kRacers) {
                std::this_thread::yield();
            }
            try {
                winners[i] = refresh(tokens);
                ++won;
            } catch (const Error &error) {
                if (error.code() == ErrorCode::unauthenticated) {
                    ++refused;
                }
            }
        });
    }
    for (auto &racer : racers) {
        racer.join();
    }
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(refused.load(), kRacers - 1);
    // The losers presented a spent token: the family is dead, the winner's new tokens too.
    for (const Value &winner : winners) {
        if (winner.is_object()) {
            EXPECT_EQ(code_of([&] { refresh(winner); }), ErrorCode::unauthenticated);
            EXPECT_EQ(code_of([&] { accounts().me(session_of(winner)); }),
                      ErrorCode::unauthenticated);
        }
    }
}

TEST_F(TokensIntegrationTest, PasswordResetIsSingleUseAndEndsEveryToken) {
    Value before = login();
    accounts().request_password_reset(object({{"email", "nobody@example.com"}}));
    EXPECT_TRUE(mail_.empty());
    accounts().request_password_reset(object({{"email", "ADA@example.com"}}));
    std::string token = last_mailed_token("password_reset");
    Value confirmation = object({{"token", token}, {"password", "brand-new-pass"}});
    accounts().reset_password(confirmation);
    std::string field;
    EXPECT_EQ(code_of([&] { accounts().reset_password(confirmation); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
    EXPECT_EQ(code_of([&] { refresh(before); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { accounts().me(session_of(before)); }), ErrorCode::unauthenticated);
    EXPECT_NO_THROW(
        accounts().login(object({{"username", "ada"}, {"password", "brand-new-pass"}})));
}

TEST_F(TokensIntegrationTest, EmailVerificationIsBoundToTheAddress) {
    Session session = session_of(login());
    accounts().request_email_verification(session);
    std::string first = last_mailed_token("verify_email");
    accounts().request_email_verification(session);
    std::string second = last_mailed_token("verify_email");
    EXPECT_TRUE(
        accounts().verify_email(object({{"token", first}})).find("email_verified")->as_bool());
    EXPECT_FALSE(accounts()
                     .update_me(session, object({{"email", "ada@elsewhere.org"}}))
                     .find("email_verified")
                     ->as_bool());
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      accounts().verify_email(object({{"token", second}}));
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "token");
    EXPECT_FALSE(accounts().me(session).find("email_verified")->as_bool());
}

}  // namespace
}  // namespace libstore::testing
