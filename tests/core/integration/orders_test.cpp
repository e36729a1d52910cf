// Cart and orders over the real MongoDB adapters: cart rules, all-or-nothing placement, price
// snapshots, idempotency, 64 concurrent checkouts of the last 10 units, a simulated crash between
// any two steps of placing or cancelling, and the round trips each operation costs.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "code_of.hpp"
#include "core/background_recovery.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

class OrdersIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("orders_admin"));
        admin_ = login("orders_admin");
    }

    void TearDown() override { store_->orders().set_step_hook_for_testing(nullptr); }

    std::string product(const std::string &name, double price, std::int64_t stock) {
        Value body = Value::object();
        body.set("name", name).set("price", price).set("stock", stock);
        std::string id = store_->catalog().create_product(admin_, body).find("id")->as_string();
        initial_stock_[id] = stock;
        return id;
    }

    std::int64_t stock_of(const std::string &id) {
        return store_->catalog().get_product(&admin_, id).find("stock")->as_integer();
    }

    Value add(const Session &session, const std::string &product_id, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", product_id).set("quantity", quantity);
        return store_->cart().add_item(session, body);
    }

    // Quantities in orders that are not cancelled, per product, over all orders.
    std::map<std::string, std::int64_t> ordered_quantities() {
        std::map<std::string, std::int64_t> ordered;
        Value query = Value::object();
        query.set("limit", 100);
        while (true) {
            Value page = store_->orders().list(admin_, query);
            for (const auto &order : page.find("items")->as_array()) {
                if (order.find("status")->as_string() == "cancelled")
                    continue;
                for (const auto &item : order.find("items")->as_array()) {
                    ordered[item.find("product_id")->as_string()] +=
                        item.find("quantity")->as_integer();
                }
            }
            if (page.find("next_cursor")->is_null())
                break;
            query.set("cursor", *page.find("next_cursor"));
        }
        return ordered;
    }

    // initial stock = current stock + quantities in orders that are not cancelled.
    void expect_stock_invariant() {
        auto ordered = ordered_quantities();
        for (const auto &[id, initial] : initial_stock_) {
            EXPECT_EQ(initial, stock_of(id) + ordered[id]) << "product " << id;
        }
    }

    Session admin_;
    std::map<std::string, std::int64_t> initial_stock_;
};

TEST_F(OrdersIntegrationTest, CartMergesLinesAndShowsExactTotals) {
    Session ada = client("ada");
    std::string pen = product("Pen", 19.99, 50);
    add(ada, pen, 1);
    Value cart = add(ada, pen, 2);
    ASSERT_EQ(cart.find("items")->as_array().size(), 1u);
    EXPECT_EQ(cart.find("count")->as_integer(), 3);
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 59.97);
    const Value &line = cart.find("items")->as_array()[0];
    EXPECT_DOUBLE_EQ(line.find("unit_price")->as_real(), 19.99);
    EXPECT_EQ(line.find("name")->as_string(), "Pen");
    EXPECT_EQ(store_->cart().view(ada), cart);
}

TEST_F(OrdersIntegrationTest, CartRefusesBadQuantitiesAndUnavailableProducts) {
    Session ada = client("ada");
    std::string pen = product("Pen", 2, 5);
    std::string field;
    EXPECT_EQ(code_of([&] { add(ada, pen, 6); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "quantity");
    add(ada, pen, 5);
    EXPECT_EQ(code_of([&] { add(ada, pen, 1); }), ErrorCode::conflict);
    EXPECT_EQ(code_of([&] { add(ada, pen, 0); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "quantity");
    EXPECT_EQ(code_of([&] { add(ada, pen, 1001); }), ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] { add(ada, "not-an-id", 1); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { add(ada, std::string(24, 'a'), 1); }), ErrorCode::not_found);
    std::string hidden = product("Hidden", 2, 0);
    EXPECT_EQ(code_of([&] { add(ada, hidden, 1); }), ErrorCode::not_found);
    Value body = Value::object();
    body.set("product_id", pen).set("price", 0.01);
    EXPECT_EQ(code_of([&] { store_->cart().add_item(ada, body); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "price");
    Value big = Value::object();
    big.set("product_id", pen).set("quantity", 1.5);
    EXPECT_EQ(code_of([&] { store_->cart().add_item(ada, big); }), ErrorCode::invalid_argument);
}

TEST_F(OrdersIntegrationTest, SetRemoveAndClear) {
    Session ada = client("ada");
    std::string pen = product("Pen", 1.5, 10);
    std::string ink = product("Ink", 3, 10);
    add(ada, pen, 1);
    add(ada, ink, 1);
    Value quantity = Value::object();
    quantity.set("quantity", 4);
    Value cart = store_->cart().set_quantity(ada, pen, std::nullopt, quantity);
    EXPECT_EQ(cart.find("count")->as_integer(), 5);
    quantity.set("quantity", 0);
    cart = store_->cart().set_quantity(ada, pen, std::nullopt, quantity);
    EXPECT_EQ(cart.find("items")->as_array().size(), 1u);
    EXPECT_EQ(code_of([&] { store_->cart().remove_item(ada, pen, std::nullopt); }),
              ErrorCode::not_found);
    cart = store_->cart().remove_item(ada, ink, std::nullopt);
    EXPECT_TRUE(cart.find("items")->as_array().empty());
    add(ada, ink, 2);
    cart = store_->cart().clear(ada);
    EXPECT_EQ(cart.find("count")->as_integer(), 0);
    EXPECT_EQ(store_->cart().view(ada).find("count")->as_integer(), 0);
}

TEST_F(OrdersIntegrationTest, AddingToTheCartCostsTwoRoundTripsAfterTheSessionCheck) {
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    std::string ink = product("Ink", 1, 10);
    add(ada, pen, 1);
    count_from_here();
    add(ada, ink, 1);  // a new line
    EXPECT_EQ(total_round_trips(), 1 + 2);
    count_from_here();
    add(ada, pen, 1);  // merging into a line
    EXPECT_EQ(total_round_trips(), 1 + 2);
    count_from_here();
    store_->cart().view(ada);
    EXPECT_EQ(total_round_trips(), 1 + 1);
}

TEST_F(OrdersIntegrationTest, PlacingTakesStockSnapshotsPricesAndEmptiesTheCart) {
    Session ada = client("ada");
    std::string pen = product("Pen", 19.99, 10);
    std::string ink = product("Ink", 5, 4);
    add(ada, pen, 3);
    add(ada, ink, 4);
    auto placement = store_->orders().place(ada, std::nullopt);
    EXPECT_TRUE(placement.created);
    const Value &order = placement.order;
    EXPECT_EQ(order.find("status")->as_string(), "placed");
    EXPECT_DOUBLE_EQ(order.find("total_price")->as_real(), 79.97);
    EXPECT_EQ(order.find("items")->as_array().size(), 2u);
    EXPECT_EQ(stock_of(pen), 7);
    EXPECT_EQ(stock_of(ink), 0);
    EXPECT_EQ(store_->cart().view(ada).find("count")->as_integer(), 0);

    // A later price change does not touch the order.
    Value change = Value::object();
    change.set("price", 25.0);
    store_->catalog().update_product(admin_, pen, change);
    Value again = store_->orders().get(ada, order.find("id")->as_string());
    EXPECT_DOUBLE_EQ(again.find("total_price")->as_real(), 79.97);
    expect_stock_invariant();
}

TEST_F(OrdersIntegrationTest, PlacingCostsLinesPlusSevenRoundTrips) {
    // In a transaction the same commands run, and one more commits them. Two of the seven relay
    // the order's events (their insert into the feed, their removal from the order's outbox);
    // one reads the cart with its products first, to refuse lines that cannot be bought.
    const int commit = uses_transactions() ? 1 : 0;
    for (int lines : {1, 3, 10}) {
        Session buyer = client("buyer" + std::to_string(lines));
        for (int i = 0; i < lines; ++i) {
            add(buyer, product("P" + std::to_string(lines) + "_" + std::to_string(i), 1, 5), 1);
        }
        count_from_here();
        Value before = store_->stats();
        store_->orders().place(buyer, std::nullopt);
        EXPECT_EQ(total_round_trips(), 1 + lines + 7 + commit) << lines << " lines";
        EXPECT_EQ(round_trips("commitTransaction"), commit);
        Value after = store_->stats();
        auto committed = [](const Value &stats) {
            return stats.find("transactions")->find("committed")->as_integer();
        };
        EXPECT_EQ(committed(after) - committed(before), commit);
    }
}

TEST_F(OrdersIntegrationTest, AShortLineChangesNothing) {
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    std::string ink = product("Ink", 1, 2);
    add(ada, pen, 3);
    add(ada, ink, 2);
    // Someone else buys the ink first.
    Session bob = client("bob");
    add(bob, ink, 1);
    store_->orders().place(bob, std::nullopt);
    std::string field;
    try {
        store_->orders().place(ada, std::nullopt);
        FAIL() << "placed an order with a short line";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::conflict);
        EXPECT_EQ(error.field(), "items");
        EXPECT_NE(std::string(error.what()).find(ink), std::string::npos) << error.what();
        const auto &details = error.details().as_array();
        ASSERT_EQ(details.size(), 1u);
        EXPECT_EQ(details[0].find("problem")->as_string(), "short");
        EXPECT_EQ(details[0].find("available_quantity")->as_integer(), 1);
    }
    EXPECT_EQ(stock_of(pen), 10);
    EXPECT_EQ(stock_of(ink), 1);
    Value cart = store_->cart().view(ada);
    EXPECT_EQ(cart.find("items")->as_array().size(), 2u) << "cart not kept";
    EXPECT_EQ(cart.find("count")->as_integer(), 3);  // the short line is not counted
    EXPECT_FALSE(cart.find("checkout_ready")->as_bool());
    EXPECT_TRUE(store_->orders().list(ada, Value::object()).find("items")->as_array().empty());
    expect_stock_invariant();
}

TEST_F(OrdersIntegrationTest, DeletedAndHiddenLinesRefuseTheOrderWritingNothing) {
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    std::string ink = product("Ink", 2, 10);
    std::string bolt = product("Bolt", 3, 10);
    add(ada, pen, 1);
    add(ada, ink, 1);
    add(ada, bolt, 1);
    Value hide = Value::object();
    hide.set("in_stock", false);
    store_->catalog().update_product(admin_, ink, hide);
    store_->catalog().delete_product(admin_, bolt);
    Value reprice = Value::object();
    reprice.set("price", 1.5);
    store_->catalog().update_product(admin_, pen, reprice);
    Value cart = store_->cart().view(ada);
    const auto &items = cart.find("items")->as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_TRUE(items[0].find("price_changed")->as_bool());  // the price kept with the line
    EXPECT_DOUBLE_EQ(items[0].find("previous_unit_price")->as_real(), 1.0);
    EXPECT_EQ(items[1].find("problem")->as_string(), "hidden");
    EXPECT_EQ(items[2].find("problem")->as_string(), "deleted");
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 1.5);
    count_from_here();
    try {
        store_->orders().place(ada, std::string("key"));
        FAIL() << "placed an order with unavailable lines";
    } catch (const Error &error) {
        EXPECT_EQ(error.field(), "items");
        EXPECT_EQ(error.details().as_array().size(), 2u);
    }
    for (const char *write : {"insert", "update", "delete", "findAndModify"}) {
        EXPECT_EQ(round_trips(write), 0) << write;  // refused before anything is written
    }
    EXPECT_EQ(stock_of(pen), 10);
    EXPECT_TRUE(store_->orders().list(ada, Value::object()).find("items")->as_array().empty());
    EXPECT_EQ(store_->cart().prune(ada).find("items")->as_array().size(), 1u);
    Value order = store_->orders().place(ada, std::string("key")).order;
    EXPECT_DOUBLE_EQ(order.find("total_price")->as_real(), 1.5);
}

TEST_F(OrdersIntegrationTest, EmptyCartIsInvalid) {
    Session ada = client("ada");
    EXPECT_EQ(code_of([&] { store_->orders().place(ada, std::nullopt); }),
              ErrorCode::invalid_argument);
}

TEST_F(OrdersIntegrationTest, RetryWithTheSameKeyReturnsTheSameOrderAfterALostReply) {
    Session ada = client("ada");
    std::string pen = product("Pen", 2, 10);
    add(ada, pen, 2);
    auto first = store_->orders().place(ada, std::string("key-1"));
    EXPECT_TRUE(first.created);
    // The reply was lost; the client retries.
    auto retry = store_->orders().place(ada, std::string("key-1"));
    EXPECT_FALSE(retry.created);
    EXPECT_EQ(retry.order.find("id")->as_string(), first.order.find("id")->as_string());
    EXPECT_EQ(stock_of(pen), 8);
    // Even with a refilled cart, the same key gives the same order and leaves the cart alone.
    add(ada, pen, 1);
    auto third = store_->orders().place(ada, std::string("key-1"));
    EXPECT_FALSE(third.created);
    EXPECT_EQ(third.order.find("id")->as_string(), first.order.find("id")->as_string());
    EXPECT_EQ(stock_of(pen), 8);
    EXPECT_EQ(store_->cart().view(ada).find("count")->as_integer(), 1);
    // Another key is another order; other users' keys are theirs.
    EXPECT_TRUE(store_->orders().place(ada, std::string("key-2")).created);
    Session bob = client("bob");
    add(bob, pen, 1);
    EXPECT_TRUE(store_->orders().place(bob, std::string("key-1")).created);
    std::string field;
    EXPECT_EQ(code_of([&] { store_->orders().place(ada, std::string("bad key")); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "idempotency_key");
    expect_stock_invariant();
}

TEST_F(OrdersIntegrationTest, SixtyFourConcurrentCheckoutsOfTheLastTenUnitsSellExactlyTen) {
    constexpr int kBuyers = 64;
    std::string last = product("Last ten", 9.99, 10);
    std::vector<Session> buyers;
    for (int i = 0; i < kBuyers; ++i) {
        buyers.push_back(client("buyer" + std::to_string(i)));
        add(buyers.back(), last, 1);
    }
    std::atomic<int> sold{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kBuyers; ++i) {
        threads.emplace_back([&, i] {
            try {
                store_->orders().place(buyers[i], std::nullopt);
                ++sold;
            } catch (const Error &error) {
                (error.code() == ErrorCode::conflict ? refused : other)++;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(sold.load(), 10);
    EXPECT_EQ(refused.load(), kBuyers - 10);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(stock_of(last), 0);
    expect_stock_invariant();
    // Every refused checkout left its cart as it was and no order behind.
    int carts_kept = 0;
    for (auto &buyer : buyers) {
        // Its line shown as out of stock now, so not counted: the line itself is what is kept.
        carts_kept += store_->cart().view(buyer).find("items")->as_array().size() == 1;
    }
    EXPECT_EQ(carts_kept, kBuyers - 10);
    Value report = store_->orders().recover(0);
    EXPECT_EQ(report.find("orders_rolled_back")->as_integer(), 0);
    EXPECT_EQ(report.find("marks_cleared")->as_integer(), 0);
}

// Six parallel retries of one checkout, as an impatient client sends them: every answer is
// that one order (created once) or 409 "still being placed" on the Idempotency-Key — never "the
// cart is empty" — and the stock is taken once.
TEST_F(OrdersIntegrationTest, ParallelRetriesOfOneCheckoutYieldOneOrder) {
    constexpr int kRetries = 6;
    std::string pen = product("Pen", 2.5, 1000);
    for (int round = 0; round < 8; ++round) {
        Session buyer = client("retry" + std::to_string(round));
        add(buyer, pen, 2);
        std::string key = "checkout-" + std::to_string(round);
        std::mutex lock;
        std::vector<std::string> order_ids;
        int created = 0;
        std::vector<std::string> wrong;
        std::vector<std::thread> threads;
        for (int i = 0; i < kRetries; ++i) {
            threads.emplace_back([&] {
                try {
                    auto placement = store_->orders().place(buyer, key);
                    std::lock_guard<std::mutex> guard(lock);
                    order_ids.push_back(placement.order.find("id")->as_string());
                    created += placement.created ? 1 : 0;
                } catch (const Error &error) {
                    std::lock_guard<std::mutex> guard(lock);
                    if (error.code() != ErrorCode::conflict || error.field() != "idempotency_key") {
                        wrong.push_back(std::string(error_code_name(error.code())) + " " +
                                        error.field() + ": " + error.what());
                    }
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        EXPECT_TRUE(wrong.empty()) << "round " << round << ": " << wrong.front();
        EXPECT_EQ(created, 1) << "round " << round;
        ASSERT_FALSE(order_ids.empty());
        for (const auto &id : order_ids)
            EXPECT_EQ(id, order_ids.front()) << "round " << round;
        // A retry after the dust settles gets the same order.
        auto again = store_->orders().place(buyer, key);
        EXPECT_FALSE(again.created);
        EXPECT_EQ(again.order.find("id")->as_string(), order_ids.front());
    }
    EXPECT_EQ(stock_of(pen), 1000 - 8 * 2);
    expect_stock_invariant();
}

TEST_F(OrdersIntegrationTest, TheTransactionsOptionChoosesThePath) {
    auto config = test_store_config();
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    if (test_database_supports_transactions(database())) {
        // `never` keeps the recorded sequence even where transactions exist.
        config.transactions = TransactionMode::never;
        auto store = open_store(config);
        add(ada, pen, 1);
        Value before = store->stats();
        store->orders().place(ada, std::nullopt);
        Value after = store->stats();
        EXPECT_EQ(after.find("transactions")->find("started")->as_integer(),
                  before.find("transactions")->find("started")->as_integer());
        EXPECT_EQ(after.find("commands")->find("commitTransaction"), nullptr);
    } else {
        // `always` on a server without transactions refuses, saying why, and changes nothing.
        config.transactions = TransactionMode::always;
        auto store = open_store(config);
        add(ada, pen, 1);
        try {
            store->orders().place(ada, std::nullopt);
            FAIL() << "placed an order without a transaction";
        } catch (const Error &error) {
            EXPECT_EQ(error.code(), ErrorCode::unavailable);
            EXPECT_NE(std::string(error.what()).find("transactions"), std::string::npos);
        }
        EXPECT_EQ(stock_of(pen), 10);
        EXPECT_EQ(store_->cart().view(ada).find("count")->as_integer(), 1);
    }
}

// A unit of work holds its connection for the whole operation and nothing inside it takes a
// second one: with a pool of one connection, placing, cancelling and recovering still finish.
TEST_F(OrdersIntegrationTest, OrdersNeedOnlyOneConnection) {
    auto config = test_store_config();
    config.uri += (config.uri.find('?') == std::string::npos ? "?" : "&");
    config.uri += "maxPoolSize=1";
    auto store = open_store(config);  // recovers at open
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    Value body = Value::object();
    body.set("product_id", pen).set("quantity", 2);
    store->cart().add_item(ada, body);
    auto placed = store->orders().place(ada, std::string("one-connection"));
    std::string id = placed.order.find("id")->as_string();
    EXPECT_EQ(store->orders().cancel(ada, id).find("status")->as_string(), "cancelled");
    store->orders().recover(0);
    EXPECT_EQ(stock_of(pen), 10);
}

struct CrashPoint {
    OrderStep step;
    std::size_t line;
};

TEST_F(OrdersIntegrationTest, ACrashBetweenAnyTwoStepsOfPlacingIsRecovered) {
    const std::vector<CrashPoint> points = {
        {OrderStep::cart_taken, 0}, {OrderStep::order_recorded, 0}, {OrderStep::line_taken, 0},
        {OrderStep::line_taken, 1}, {OrderStep::line_taken, 2},     {OrderStep::order_placed, 0},
    };
    std::string pen = product("Pen", 1, 100);
    std::string ink = product("Ink", 2, 100);
    std::string pad = product("Pad", 3, 100);
    int n = 0;
    for (const auto &point : points) {
        Session buyer = client("crash" + std::to_string(n++));
        add(buyer, pen, 1);
        add(buyer, ink, 2);
        add(buyer, pad, 3);
        store_->orders().set_step_hook_for_testing([&](OrderStep step, std::size_t line) {
            if (step == point.step && line == point.line)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->orders().place(buyer, std::nullopt), SimulatedCrash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->orders().recover(0);
        expect_stock_invariant();
        Value orders = store_->orders().list(buyer, Value::object());
        // A crash aborts a transaction: nothing happened, the cart is as it was. The recorded
        // sequence keeps an order marked placed, and gives a cart back once it was recorded.
        bool placed = !uses_transactions() && point.step == OrderStep::order_placed;
        EXPECT_EQ(orders.find("items")->as_array().size(), placed ? 1u : 0u);
        if (uses_transactions() || (!placed && point.step != OrderStep::cart_taken)) {
            EXPECT_EQ(store_->cart().view(buyer).find("count")->as_integer(), 6)
                << "cart not given back";
        }
        Value again = store_->orders().recover(0);
        EXPECT_EQ(again.find("orders_rolled_back")->as_integer(), 0);
        EXPECT_EQ(again.find("marks_cleared")->as_integer(), 0);
    }
}

TEST_F(OrdersIntegrationTest, TwoProcessesRecoveringAtOnceGiveEachUnitAndCartBackOnce) {
    std::string pen = product("Pen", 1, 100);
    std::string ink = product("Ink", 2, 100);
    std::vector<Session> buyers;
    for (int i = 0; i < 6; ++i) {
        buyers.push_back(client("cut" + std::to_string(i)));
        add(buyers.back(), pen, 1);
        add(buyers.back(), ink, 2);
        store_->orders().set_step_hook_for_testing([](OrderStep step, std::size_t line) {
            if (step == OrderStep::line_taken && line == 1)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->orders().place(buyers.back(), std::nullopt), SimulatedCrash);
        store_->orders().set_step_hook_for_testing(nullptr);
    }
    if (!uses_transactions()) {
        EXPECT_EQ(stock_of(pen), 94);  // held by the cut-down placements
    }
    // Two stores, as two host processes would have, sweeping at the same moment, twice each.
    auto other = open_store(test_store_config());
    std::atomic<std::int64_t> rolled_back{0};
    std::atomic<int> ready{0};
    auto sweep = [&](Store &store) {
        ready.fetch_add(1);
        while (ready.load() < 2) {
            std::this_thread::yield();
        }
        for (int round = 0; round < 2; ++round) {
            rolled_back += store.recover(0).find("orders_rolled_back")->as_integer();
        }
    };
    std::thread first([&] { sweep(*store_); });
    std::thread second([&] { sweep(*other); });
    first.join();
    second.join();
    EXPECT_EQ(rolled_back.load(), uses_transactions() ? 0 : 6);
    EXPECT_EQ(stock_of(pen), 100);
    EXPECT_EQ(stock_of(ink), 100);
    expect_stock_invariant();
    for (const auto &buyer : buyers) {
        EXPECT_EQ(store_->cart().view(buyer).find("count")->as_integer(), 3)
            << "a cart refilled twice, or not at all";
    }
}

TEST_F(OrdersIntegrationTest, ABackgroundRecoveryRollsACutDownPlacementBackByItself) {
    std::string pen = product("Pen", 1, 10);
    Session buyer = client("left_alone");
    add(buyer, pen, 4);
    store_->orders().set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::order_placed)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(store_->orders().place(buyer, std::nullopt), SimulatedCrash);
    store_->orders().set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::order_recorded)
            throw SimulatedCrash{};
    });
    Session second = client("left_alone_too");
    add(second, pen, 3);
    EXPECT_THROW(store_->orders().place(second, std::nullopt), SimulatedCrash);
    store_->orders().set_step_hook_for_testing(nullptr);

    std::vector<Error> failures;
    BackgroundRecovery recovery(*store_, BackgroundRecovery::Options{20, 1'000},
                                [&](const Error &error) { failures.push_back(error); });
    // A wait for the condition, never a timing assertion: the bound is age + interval.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (store_->cart().view(second).find("count")->as_integer() != 3 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    recovery.stop();
    EXPECT_TRUE(failures.empty());
    EXPECT_EQ(store_->cart().view(second).find("count")->as_integer(), 3);
    expect_stock_invariant();
    // The first had got as far as its last step: kept as placed on the recorded sequence.
    bool placed = !uses_transactions();
    EXPECT_EQ(stock_of(pen), placed ? 6 : 10);
    EXPECT_EQ(store_->cart().view(buyer).find("count")->as_integer(), placed ? 0 : 4);
}

TEST_F(OrdersIntegrationTest, ABackgroundRecoveryRefusesBadOptionsByName) {
    std::string field;
    EXPECT_EQ(code_of(
                  [&] {
                      BackgroundRecovery::check({0, 1'000});
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "interval_ms");
    EXPECT_EQ(code_of(
                  [&] {
                      BackgroundRecovery::check({1'000, 999});
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "min_age_ms");
    EXPECT_EQ(code_of(
                  [&] {
                      BackgroundRecovery(*store_, {1'000, 86'400'001});
                  },
                  &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "min_age_ms");
}

TEST_F(OrdersIntegrationTest, ACrashWhileCancellingIsRecoveredAndStockReturnsOnce) {
    std::string pen = product("Pen", 1, 50);
    std::string ink = product("Ink", 2, 50);
    const std::vector<CrashPoint> points = {{OrderStep::cancel_started, 0},
                                            {OrderStep::line_returned, 0},
                                            {OrderStep::line_returned, 1}};
    int n = 0;
    for (const auto &point : points) {
        Session buyer = client("cancel" + std::to_string(n++));
        add(buyer, pen, 2);
        add(buyer, ink, 3);
        std::string id = store_->orders().place(buyer, std::nullopt).order.find("id")->as_string();
        store_->orders().set_step_hook_for_testing([&](OrderStep step, std::size_t line) {
            if (step == point.step && line == point.line)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->orders().cancel(buyer, id), SimulatedCrash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->orders().recover(0);
        if (uses_transactions()) {
            // The aborted transaction left the order placed, with its stock; cancelling again
            // returns the stock once.
            EXPECT_EQ(store_->orders().status(buyer, id).find("status")->as_string(), "placed");
            expect_stock_invariant();
            store_->orders().cancel(buyer, id);
        }
        EXPECT_EQ(store_->orders().status(buyer, id).find("status")->as_string(), "cancelled");
        expect_stock_invariant();
    }
    EXPECT_EQ(stock_of(pen), 50);
    EXPECT_EQ(stock_of(ink), 50);
}

TEST_F(OrdersIntegrationTest, StatusMachineAndCancellation) {
    Session ada = client("ada");
    Session bob = client("bob");
    std::string pen = product("Pen", 1, 10);
    add(ada, pen, 2);
    std::string id = store_->orders().place(ada, std::nullopt).order.find("id")->as_string();
    auto move = [&](const Session &who, const char *status) {
        Value body = Value::object();
        body.set("status", status);
        return store_->orders().change_status(who, id, body);
    };
    EXPECT_EQ(code_of([&] { move(ada, "paid"); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { move(admin_, "shipped"); }), ErrorCode::conflict);
    EXPECT_EQ(code_of([&] { move(admin_, "pending"); }), ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] { move(admin_, "lost"); }), ErrorCode::invalid_argument);
    EXPECT_EQ(move(admin_, "paid").find("status")->as_string(), "paid");
    EXPECT_EQ(code_of([&] { store_->orders().get(bob, id); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { store_->orders().cancel(bob, id); }), ErrorCode::not_found);
    EXPECT_EQ(store_->orders().cancel(ada, id).find("status")->as_string(), "cancelled");
    EXPECT_EQ(stock_of(pen), 10);
    EXPECT_EQ(code_of([&] { store_->orders().cancel(ada, id); }), ErrorCode::conflict);
    EXPECT_EQ(code_of([&] { move(admin_, "paid"); }), ErrorCode::conflict);

    add(ada, pen, 1);
    id = store_->orders().place(ada, std::nullopt).order.find("id")->as_string();
    move(admin_, "paid");
    move(admin_, "shipped");
    EXPECT_EQ(code_of([&] { store_->orders().cancel(ada, id); }), ErrorCode::conflict);
    EXPECT_EQ(move(admin_, "delivered").find("status")->as_string(), "delivered");
    EXPECT_EQ(code_of([&] { store_->orders().get(ada, "nope"); }), ErrorCode::not_found);
    expect_stock_invariant();
}

TEST_F(OrdersIntegrationTest, HistoryIsNewestFirstAndPaginatesPerUser) {
    Session ada = client("ada");
    Session bob = client("bob");
    std::string pen = product("Pen", 1, 100);
    std::vector<std::string> placed;
    for (int i = 0; i < 5; ++i) {
        add(ada, pen, 1);
        placed.push_back(store_->orders().place(ada, std::nullopt).order.find("id")->as_string());
    }
    add(bob, pen, 1);
    store_->orders().place(bob, std::nullopt);
    std::vector<std::string> seen;
    Value query = Value::object();
    query.set("limit", 2);
    while (true) {
        Value page = store_->orders().list(ada, query);
        for (const auto &order : page.find("items")->as_array()) {
            seen.push_back(order.find("id")->as_string());
        }
        if (page.find("next_cursor")->is_null())
            break;
        query.set("cursor", *page.find("next_cursor"));
    }
    std::reverse(placed.begin(), placed.end());
    EXPECT_EQ(seen, placed);
    EXPECT_EQ(store_->orders().list(admin_, Value::object()).find("items")->as_array().size(), 6u);
    Value by_user = Value::object();
    by_user.set("user_id", bob.user_id);
    EXPECT_EQ(store_->orders().list(admin_, by_user).find("items")->as_array().size(), 1u);
    EXPECT_EQ(code_of([&] { store_->orders().list(ada, by_user); }), ErrorCode::forbidden);
}

TEST_F(OrdersIntegrationTest, DeletingAnAccountKeepsItsOrders) {
    Session ada = client("ada");
    std::string pen = product("Pen", 1, 10);
    add(ada, pen, 1);
    std::string id = store_->orders().place(ada, std::nullopt).order.find("id")->as_string();
    store_->accounts().delete_me(ada);
    EXPECT_EQ(store_->orders().get(admin_, id).find("status")->as_string(), "placed");
}

}  // namespace
}  // namespace libstore::testing
