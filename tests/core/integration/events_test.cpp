// The outbox over the real adapters: every change's event written with it, the feed's promise
// (ids 1..n, no holes, a reader never meets an id at or below one it has seen) under concurrent
// writers and readers, and a crash between a change and its relay put right by recovery.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_database.hpp"
#include "adapters/mongo/mongo_event_store.hpp"
#include "adapters/mongo/mongo_user_repository.hpp"
#include "core/events/event.hpp"
#include "database_environment.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

// Every event of the feed, read in pages of `page`.
std::vector<Event> whole_feed(EventFeed &feed, std::int64_t page = 1000) {
    std::vector<Event> all;
    for (;;) {
        auto next = feed.read_after(all.empty() ? 0 : all.back().id, page);
        if (next.empty()) {
            return all;
        }
        all.insert(all.end(), next.begin(), next.end());
    }
}

class EventsIntegrationTest : public StoreTest {};

TEST_F(EventsIntegrationTest, ARegistrationIsInTheFeedWithItsData) {
    EXPECT_EQ(store_->event_feed().last_id(), 0);
    Value user = store_->accounts().register_user(registration("ada"));
    auto events = whole_feed(store_->event_feed());
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].id, 1);
    EXPECT_EQ(events[0].type, kEventUserRegistered);
    EXPECT_EQ(events[0].data.find("user_id")->as_string(), user.find("id")->as_string());
    EXPECT_EQ(events[0].data.find("username")->as_string(), "ada");
    EXPECT_EQ(events[0].data.find("email")->as_string(), "ada@example.com");
    EXPECT_EQ(store_->event_feed().last_id(), 1);

    Value page = store_->events().list(Value::object());
    ASSERT_EQ(page.find("items")->as_array().size(), 1u);
    EXPECT_EQ(page.find("items")->as_array()[0].find("type")->as_string(), "user.registered");
    EXPECT_EQ(page.find("next_after")->as_integer(), 1);
}

TEST_F(EventsIntegrationTest, TheFeedPagesInIdOrder) {
    for (int i = 0; i < 5; ++i) {
        store_->accounts().register_user(registration("user" + std::to_string(i)));
    }
    auto first = store_->event_feed().read_after(0, 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].id, 1);
    EXPECT_EQ(first[1].id, 2);
    auto rest = store_->event_feed().read_after(2, 100);
    ASSERT_EQ(rest.size(), 3u);
    EXPECT_EQ(rest[2].id, 5);
    EXPECT_EQ(rest[2].data.find("username")->as_string(), "user4");
    EXPECT_TRUE(store_->event_feed().read_after(5, 100).empty());
}

TEST_F(EventsIntegrationTest, RegisteringCostsTheRelayAndAnIdleReadTwoRoundTrips) {
    store_->accounts().register_user(registration("ada"));
    whole_feed(store_->event_feed());
    count_from_here();
    store_->accounts().register_user(registration("bob"));
    // The account (with its draft), the event, the draft's removal; in a transaction, its commit.
    EXPECT_EQ(round_trips("insert"), 2);
    EXPECT_EQ(round_trips("update"), 1);
    count_from_here();
    store_->event_feed().read_after(2, 100);  // sequences bob's event: 1 find, 1 find, 1 update
    EXPECT_EQ(round_trips("find"), 3);
    EXPECT_EQ(round_trips("update"), 1);
    count_from_here();
    store_->event_feed().read_after(2, 100);
    EXPECT_EQ(total_round_trips(), 2);
}

// An outbox whose relay never happens: the process dies between the change and its relay.
class CrashingOutbox final : public EventOutbox {
  public:
    void relay(UnitOfWork &, OutboxHolder, const std::string &, const EventDrafts &) override {
        throw std::runtime_error("crash before the relay");
    }
    void publish(const EventDrafts &) override { throw std::runtime_error("crash"); }
    std::vector<OutboxLeftover> leftovers(OutboxHolder, std::int64_t) override { return {}; }
};

TEST_F(EventsIntegrationTest, ARegistrationCutShortBeforeItsRelayHasItsEventIffTheAccountExists) {
    StoreConfig config = test_store_config();
    auto pool = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
    mongo::MongoDatabase database(pool, config.transactions);
    mongo::MongoUserRepository users(pool);
    CrashingOutbox crashing;
    FakeUserRepository token_users;
    FakeRevokedTokenRepository revoked(token_users);
    FakeRefreshTokenRepository refresh_tokens(token_users);
    FakeLoginFailureRepository failures;
    FakePasswordHasher hasher;
    crypto::JwtTokenSigner signer(std::string(32, 'k'));
    ManualClock clock;
    FakeAuditRepository audit_entries;
    AuditTrail audit(audit_entries, clock);
    FakeOneTimeTokenRepository one_time_tokens;
    FakeOpaqueTokens opaque_tokens;
    DroppedMail mail;
    AccountService accounts(
        AccountPorts{users, revoked, failures, hasher, signer, clock, audit, database, crashing},
        900, TokenPorts{refresh_tokens, one_time_tokens, opaque_tokens, mail}, 3600);

    EXPECT_THROW(accounts.register_user(registration("ada")), std::runtime_error);
    bool exists = users.find_by_login("ada", false).has_value();
    EXPECT_EQ(exists, !uses_transactions());
    EXPECT_TRUE(whole_feed(store_->event_feed()).empty());  // not relayed yet

    Value report = store_->recover(0);
    EXPECT_EQ(report.find("events_relayed")->as_integer(), exists ? 1 : 0);
    auto events = whole_feed(store_->event_feed());
    ASSERT_EQ(events.size(), exists ? 1u : 0u);
    if (exists) {
        EXPECT_EQ(events[0].data.find("username")->as_string(), "ada");
    }
    // Relayed once: a second recovery finds nothing left.
    EXPECT_EQ(store_->recover(0).find("events_relayed")->as_integer(), 0);
    EXPECT_EQ(whole_feed(store_->event_feed()).size(), events.size());
}

TEST_F(EventsIntegrationTest, RelayingADraftTwiceKeepsOneEvent) {
    StoreConfig config = test_store_config();
    mongo::MongoEventStore events(std::make_shared<mongo::ClientPool>(
        config.uri, config.database, config.server_selection_timeout_ms));
    EventDraft draft = new_event_draft(kEventProductCreated, 5'000, Value::object());
    events.publish({draft});
    events.publish({draft, new_event_draft(kEventProductDeleted, 6'000, Value::object())});
    auto all = whole_feed(events);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].type, kEventProductCreated);
    EXPECT_EQ(all[1].type, kEventProductDeleted);
}

// 8 threads register while 2 readers poll read_after(last): each reader's ids are consecutive
// from 1, and at the end each has read the whole feed, ids 1..n, every event once.
TEST_F(EventsIntegrationTest, ConcurrentReadersSeeAGapFreeGrowingFeed) {
    constexpr int kWriters = 8;
    constexpr int kPerWriter = 12;
    constexpr int kReaders = 2;
    std::atomic<int> writers_done{0};
    std::mutex lock;
    std::vector<std::string> failures;
    std::vector<std::vector<Event>> seen(kReaders);
    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            try {
                for (int i = 0; i < kPerWriter; ++i) {
                    store_->accounts().register_user(
                        registration("w" + std::to_string(w) + "_" + std::to_string(i)));
                }
            } catch (const std::exception &error) {
                std::lock_guard<std::mutex> guard(lock);
                failures.push_back(error.what());
            }
            ++writers_done;
        });
    }
    for (int r = 0; r < kReaders; ++r) {
        threads.emplace_back([&, r] {
            try {
                auto &mine = seen[r];
                bool last_round = false;
                for (;;) {
                    bool finished = writers_done.load() == kWriters;
                    auto next =
                        store_->event_feed().read_after(mine.empty() ? 0 : mine.back().id, 7);
                    for (const auto &event : next) {
                        std::int64_t expected = mine.empty() ? 1 : mine.back().id + 1;
                        if (event.id != expected) {
                            std::lock_guard<std::mutex> guard(lock);
                            failures.push_back("reader " + std::to_string(r) + " expected id " +
                                               std::to_string(expected) + ", got " +
                                               std::to_string(event.id));
                            return;
                        }
                        mine.push_back(event);
                    }
                    // Once every writer is done, read until a read finds nothing new.
                    if (next.empty() && last_round) {
                        return;
                    }
                    last_round = finished;
                }
            } catch (const std::exception &error) {
                std::lock_guard<std::mutex> guard(lock);
                failures.push_back(error.what());
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    ASSERT_TRUE(failures.empty()) << failures.front();
    auto all = whole_feed(store_->event_feed());
    ASSERT_EQ(all.size(), static_cast<std::size_t>(kWriters * kPerWriter));
    std::set<std::string> users;
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].id, static_cast<std::int64_t>(i + 1));
        users.insert(all[i].data.find("user_id")->as_string());
    }
    EXPECT_EQ(users.size(), all.size());  // no event twice
    for (int r = 0; r < kReaders; ++r) {
        ASSERT_EQ(seen[r].size(), all.size()) << "reader " << r;
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_EQ(seen[r][i].data, all[i].data);
        }
    }
}

}  // namespace
}  // namespace libstore::testing
