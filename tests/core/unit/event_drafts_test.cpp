// Event drafts of each change, written with the change (over fakes), and the events feed's page.
#include <gtest/gtest.h>

#include <set>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "core/accounts/account_service.hpp"
#include "core/events/event.hpp"
#include "core/events/event_log.hpp"
#include "core/events/outbox_recovery.hpp"
#include "core/object_id.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_events.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

Value registration(const std::string &username) {
    Value body = Value::object();
    body.set("username", username)
        .set("email", username + "@Example.com")
        .set("password", "password-123");
    return body;
}

class AccountEventsTest : public ::testing::Test {
  protected:
    AccountEventsTest()
        : revoked_(users_),
          refresh_tokens_(users_),
          signer_(std::string(32, 'k')),
          audit_(audit_entries_, clock_),
          accounts_(AccountPorts{users_, revoked_, failures_, hasher_, signer_, clock_, audit_,
                                 database_, events_},
                    900, TokenPorts{refresh_tokens_, one_time_tokens_, opaque_tokens_, mail_},
                    30 * 24 * 3600) {}

    FakeUserRepository users_;
    FakeDatabase database_;
    FakeEventStore events_;
    FakeRevokedTokenRepository revoked_;
    FakeRefreshTokenRepository refresh_tokens_;
    FakeLoginFailureRepository failures_;
    FakePasswordHasher hasher_;
    FakeOneTimeTokenRepository one_time_tokens_;
    FakeOpaqueTokens opaque_tokens_;
    DroppedMail mail_;
    crypto::JwtTokenSigner signer_;
    ManualClock clock_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
    AccountService accounts_;
};

TEST_F(AccountEventsTest, RegistrationStoresItsEventWithTheAccountAndRelaysIt) {
    Value user = accounts_.register_user(registration("ada"));
    const std::string id = user.find("id")->as_string();
    EXPECT_TRUE(is_object_id(id));

    const EventDrafts &stored = users_.outboxes.at(id);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].type, kEventUserRegistered);
    EXPECT_TRUE(is_object_id(stored[0].id));
    EXPECT_EQ(stored[0].at_ms, clock_.now_ms());
    Value data = Value::object();
    data.set("user_id", id).set("username", "ada").set("email", "ada@Example.com");
    EXPECT_EQ(stored[0].data, data);

    ASSERT_EQ(events_.relayed.at(id).size(), 1u);
    EXPECT_EQ(events_.relayed.at(id)[0].id, stored[0].id);
    ASSERT_EQ(events_.feed().size(), 1u);
    EXPECT_EQ(events_.feed()[0].data, data);
}

TEST_F(AccountEventsTest, TheBootstrapAdminIsRegisteredToo) {
    accounts_.create_admin(registration("root"));
    ASSERT_EQ(events_.feed().size(), 1u);
    EXPECT_EQ(events_.feed()[0].type, kEventUserRegistered);
    EXPECT_EQ(events_.feed()[0].data.find("username")->as_string(), "root");
}

TEST_F(AccountEventsTest, ARefusedRegistrationEmitsNothing) {
    accounts_.register_user(registration("ada"));
    EXPECT_THROW(accounts_.register_user(registration("ADA")), Error);
    EXPECT_EQ(events_.feed().size(), 1u);
}

TEST_F(AccountEventsTest, DraftIdsAreDistinct) {
    for (int i = 0; i < 20; ++i) {
        accounts_.register_user(registration("user" + std::to_string(i)));
    }
    std::set<std::string> ids;
    for (const auto &[user_id, drafts] : users_.outboxes) {
        ids.insert(drafts.at(0).id);
    }
    EXPECT_EQ(ids.size(), 20u);
}

TEST(OutboxRecoveryTest, RelaysEveryLeftoverOfUsersAndOrders) {
    FakeDatabase database;
    FakeEventStore events;
    events.left_over.push_back(
        {OutboxHolder::user, "u1", {new_event_draft(kEventUserRegistered, 1, Value::object())}});
    events.left_over.push_back({OutboxHolder::order,
                                "o1",
                                {new_event_draft(kEventOrderPlaced, 2, Value::object()),
                                 new_event_draft(kEventVariantOutOfStock, 2, Value::object())}});
    Value report = relay_leftover_events(database, events, 100'000, 0);
    EXPECT_EQ(report.find("events_relayed")->as_integer(), 3);
    EXPECT_EQ(events.relayed.at("u1").size(), 1u);
    EXPECT_EQ(events.relayed.at("o1").size(), 2u);
    EXPECT_EQ(events.feed().size(), 3u);
}

class EventLogTest : public AccountEventsTest {
  protected:
    EventLogTest() : log_(events_, accounts_) {
        for (const char *name : {"amy", "ann", "ava"}) {
            accounts_.register_user(registration(name));
        }
    }
    Value query(std::initializer_list<std::pair<const char *, Value>> members) {
        Value value = Value::object();
        for (const auto &[key, member] : members) {
            value.set(key, member);
        }
        return value;
    }
    EventLog log_;
};

TEST_F(EventLogTest, PagesWithAfterAndLimit) {
    Value all = log_.list(Value::object());
    ASSERT_EQ(all.find("items")->as_array().size(), 3u);
    EXPECT_EQ(all.find("next_after")->as_integer(), 3);
    EXPECT_EQ(all.find("items")->as_array()[0].find("type")->as_string(), "user.registered");

    Value first = log_.list(query({{"limit", 2}}));
    ASSERT_EQ(first.find("items")->as_array().size(), 2u);
    EXPECT_EQ(first.find("next_after")->as_integer(), 2);
    Value rest = log_.list(query({{"after", "2"}, {"limit", "2"}}));  // as a URL has them
    ASSERT_EQ(rest.find("items")->as_array().size(), 1u);
    EXPECT_EQ(rest.find("items")->as_array()[0].find("id")->as_integer(), 3);
    Value none = log_.list(query({{"after", 3}}));
    EXPECT_TRUE(none.find("items")->as_array().empty());
    EXPECT_EQ(none.find("next_after")->as_integer(), 3);
}

TEST_F(EventLogTest, RefusesBadQueriesNamingTheField) {
    auto field_of = [&](const Value &bad) {
        try {
            log_.list(bad);
        } catch (const Error &error) {
            EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
            return error.field();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(field_of(query({{"after", -1}})), "after");
    EXPECT_EQ(field_of(query({{"after", "x"}})), "after");
    EXPECT_EQ(field_of(query({{"limit", 0}})), "limit");
    EXPECT_EQ(field_of(query({{"limit", 1001}})), "limit");
    EXPECT_EQ(field_of(query({{"cursor", "abc"}})), "cursor");
}

TEST_F(EventLogTest, CallersMustBeAdmins) {
    accounts_.register_user(registration("bob"));
    accounts_.create_admin(registration("root"));
    auto session_of = [&](const char *name) {
        Value credentials = Value::object();
        credentials.set("username", name).set("password", "password-123");
        Value token = accounts_.login(credentials);
        return accounts_.open_session(token.find("access_token")->as_string());
    };
    try {
        log_.list(session_of("bob"), Value::object());
        ADD_FAILURE() << "a client read the feed";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::forbidden);
    }
    Value page = log_.list(session_of("root"), Value::object());
    EXPECT_EQ(page.find("items")->as_array().size(), 5u);
}

}  // namespace
}  // namespace libstore::testing
