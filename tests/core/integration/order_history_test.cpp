// Order events and payment references over the real MongoDB adapters, in the store's transaction
// mode: each event written with its change (a crash while cancelling included), the replay of a
// payment reference writing nothing, racing payments keeping one, the round trips, and many
// parallel placements with one Idempotency-Key yielding one order on both paths.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

// Runs body(i) on `count` threads released at once.
template <typename Body>
void at_once(int count, Body body) {
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < count) {
                std::this_thread::yield();
            }
            body(i);
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
}

class OrderHistoryIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("history_admin"));
        admin_ = login(*store_, "history_admin");
        Value body = Value::object();
        body.set("name", "Pen").set("price", 2.5).set("stock", 1000);
        pen_ = store_->catalog().create_product(admin_, body).find("id")->as_string();
    }

    void TearDown() override { store_->orders().set_step_hook_for_testing(nullptr); }

    void fill_cart(const Session &buyer, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", pen_).set("quantity", quantity);
        store_->cart().add_item(buyer, body);
    }

    std::string place(const Session &buyer) {
        fill_cart(buyer, 2);
        return store_->orders().place(buyer, std::nullopt).order.find("id")->as_string();
    }

    Value move(const std::string &id, const char *status, const char *reference = nullptr) {
        Value body = Value::object();
        body.set("status", status);
        if (reference != nullptr) {
            body.set("payment_reference", reference);
        }
        return store_->orders().change_status(admin_, id, body);
    }

    std::vector<std::string> types(const Session &who, const std::string &id) {
        std::vector<std::string> shown;
        Value events = store_->orders().events(who, id);
        for (const auto &event : events.find("items")->as_array()) {
            shown.push_back(event.find("type")->as_string());
        }
        return shown;
    }

    std::int64_t stock() {
        return store_->catalog().get_product(&admin_, pen_).find("stock")->as_integer();
    }

    Session admin_;
    std::string pen_;
};

TEST_F(OrderHistoryIntegrationTest, EachChangeWritesItsEventAndTheOrderKeepsItsReference) {
    Session ada = client("ada");
    std::string id = place(ada);
    EXPECT_TRUE(store_->orders().get(ada, id).find("payment_reference")->is_null());
    EXPECT_EQ(move(id, "paid", "pi_3N8x2e").find("payment_reference")->as_string(), "pi_3N8x2e");
    move(id, "shipped");
    move(id, "delivered");
    Value events = store_->orders().events(ada, id);
    const auto &items = events.find("items")->as_array();
    ASSERT_EQ(items.size(), 4U);
    EXPECT_EQ(items[0].find("type")->as_string(), "placed");
    EXPECT_TRUE(items[0].find("status_from")->is_null());
    EXPECT_EQ(items[0].find("actor_id")->as_string(), ada.user_id);
    for (std::size_t i = 1; i < items.size(); ++i) {
        EXPECT_EQ(items[i].find("type")->as_string(), "status_changed");
        EXPECT_EQ(items[i].find("actor_id")->as_string(), admin_.user_id);
        EXPECT_EQ(items[i].find("status_from")->as_string(),
                  items[i - 1].find("status_to")->as_string());
        EXPECT_LE(items[i - 1].find("at")->as_string(), items[i].find("at")->as_string());
    }
    EXPECT_EQ(items[3].find("status_to")->as_string(), "delivered");
    EXPECT_EQ(store_->orders().get(ada, id).find("events"), nullptr);
    EXPECT_EQ(code_of([&] { store_->orders().events(client("bob"), id); }), ErrorCode::not_found);
}

TEST_F(OrderHistoryIntegrationTest, AReplayedPaymentCostsTwoReadsAndWritesNothing) {
    Session ada = client("ada");
    std::string id = place(ada);
    count_from_here();
    Value paid = move(id, "paid", "pi_42");
    const std::int64_t status_change = total_round_trips();
    move(id, "shipped");
    Value shipped = store_->orders().get(admin_, id);
    count_from_here();
    EXPECT_EQ(move(id, "paid", "pi_42"), shipped);
    EXPECT_EQ(total_round_trips(), 1 + 1);  // the session check, the order
    EXPECT_EQ(round_trips("findAndModify") + round_trips("update") + round_trips("insert"), 0);
    std::string field;
    EXPECT_EQ(code_of([&] { move(id, "paid", "pi_43"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "payment_reference");
    EXPECT_EQ(types(admin_, id),
              (std::vector<std::string>{"placed", "status_changed", "status_changed"}));
    Value audit_query = Value::object();
    audit_query.set("target_id", id);
    EXPECT_EQ(store_->audit_log().list(admin_, audit_query).find("items")->as_array().size(), 2U);
    // The history costs the session check and one read; a move costs what it did before
    // events: the session check, the read, the audit entry begun, the move, the entry committed
    // and its mark taken off the order; and the relay of its order.status_changed (the feed's
    // insert, the draft's removal from the order's outbox).
    count_from_here();
    store_->orders().events(ada, id);
    EXPECT_EQ(total_round_trips(), 1 + 1);
    EXPECT_EQ(status_change, 1 + 1 + 1 + 1 + 2 + 2);
    (void)paid;
}

TEST_F(OrderHistoryIntegrationTest, ACancellationCutShortKeepsItsEventWithItsChange) {
    Session ada = client("ada");
    std::string id = place(ada);
    move(id, "paid");
    store_->orders().set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::line_returned)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(store_->orders().cancel(admin_, id), SimulatedCrash);
    store_->orders().set_step_hook_for_testing(nullptr);
    store_->orders().recover(0);
    if (uses_transactions()) {
        // Aborted: no change, no event; cancelling again records it once.
        EXPECT_EQ(types(ada, id), (std::vector<std::string>{"placed", "status_changed"}));
        store_->orders().cancel(ada, id);
    }
    store_->orders().recover(0);
    Value events = store_->orders().events(ada, id);
    const auto &items = events.find("items")->as_array();
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(items[2].find("type")->as_string(), "cancelled");
    EXPECT_EQ(items[2].find("status_from")->as_string(), "paid");
    EXPECT_EQ(items[2].find("status_to")->as_string(), "cancelled");
    EXPECT_EQ(items[2].find("actor_id")->as_string(),
              uses_transactions() ? ada.user_id : admin_.user_id);
    EXPECT_EQ(stock(), 1000);
}

TEST_F(OrderHistoryIntegrationTest, OfRacingPaymentsOneIsKeptAndTheOthersAreTold) {
    constexpr int kWebhooks = 8;
    Session ada = client("ada");
    for (bool same_reference : {false, true}) {
        std::string id = place(ada);
        std::mutex lock;
        std::vector<std::string> kept;
        std::vector<std::string> wrong;
        int refused = 0;
        at_once(kWebhooks, [&](int i) {
            std::string reference = same_reference ? "pi_same" : "pi_" + std::to_string(i);
            try {
                Value order = move(id, "paid", reference.c_str());
                std::lock_guard<std::mutex> guard(lock);
                kept.push_back(order.find("payment_reference")->as_string());
            } catch (const Error &error) {
                std::lock_guard<std::mutex> guard(lock);
                if (error.code() == ErrorCode::conflict && error.field() == "payment_reference") {
                    ++refused;
                } else {
                    wrong.push_back(error.what());
                }
            }
        });
        EXPECT_TRUE(wrong.empty()) << wrong.front();
        std::string stored = store_->orders().get(ada, id).find("payment_reference")->as_string();
        if (same_reference) {
            EXPECT_EQ(kept, std::vector<std::string>(kWebhooks, "pi_same"));
        } else {
            EXPECT_EQ(kept, std::vector<std::string>{stored});
            EXPECT_EQ(refused, kWebhooks - 1);
        }
        EXPECT_EQ(types(ada, id), (std::vector<std::string>{"placed", "status_changed"}));
    }
}

// Sixteen impatient retries of one checkout at once, through a store on each path (the
// recorded sequence always; transactions where the server has them): every answer is that one
// order (created once) or 409 "still being placed", exactly one order exists, stock is taken
// once.
TEST_F(OrderHistoryIntegrationTest, SixteenParallelPlacementsWithOneKeyYieldOneOrder) {
    constexpr int kRetries = 16;
    std::vector<std::unique_ptr<Store>> stores;
    auto never = test_store_config();
    never.transactions = TransactionMode::never;
    stores.push_back(open_store(never));
    if (test_database_supports_transactions(database())) {
        auto always = test_store_config();
        always.transactions = TransactionMode::always;
        stores.push_back(open_store(always));
    }
    int round = 0;
    for (auto &store : stores) {
        Session buyer = client("retry" + std::to_string(round));
        fill_cart(buyer, 3);
        const std::string key = "checkout-" + std::to_string(round++);
        const std::int64_t before = stock();
        std::mutex lock;
        std::vector<std::string> ids;
        int created = 0;
        int still_placing = 0;
        std::vector<std::string> wrong;
        at_once(kRetries, [&](int) {
            try {
                auto placement = store->orders().place(buyer, key);
                std::lock_guard<std::mutex> guard(lock);
                ids.push_back(placement.order.find("id")->as_string());
                created += placement.created ? 1 : 0;
            } catch (const Error &error) {
                std::lock_guard<std::mutex> guard(lock);
                if (error.code() == ErrorCode::conflict && error.field() == "idempotency_key") {
                    ++still_placing;
                } else {
                    wrong.push_back(std::string(error_code_name(error.code())) + " " +
                                    error.field() + ": " + error.what());
                }
            }
        });
        EXPECT_TRUE(wrong.empty()) << "round " << round << ": " << wrong.front();
        EXPECT_EQ(created, 1) << "round " << round;
        EXPECT_EQ(static_cast<int>(ids.size()) + still_placing, kRetries);
        Value orders = store_->orders().list(buyer, Value::object());
        ASSERT_EQ(orders.find("items")->as_array().size(), 1U) << "round " << round;
        const std::string id = orders.find("items")->as_array().front().find("id")->as_string();
        for (const auto &answered : ids) {
            EXPECT_EQ(answered, id);
        }
        EXPECT_EQ(stock(), before - 3);
        EXPECT_EQ(store_->cart().view(buyer).find("count")->as_integer(), 0);
        auto again = store->orders().place(buyer, key);
        EXPECT_FALSE(again.created);
        EXPECT_EQ(again.order.find("id")->as_string(), id);
    }
}

}  // namespace
}  // namespace libstore::testing
