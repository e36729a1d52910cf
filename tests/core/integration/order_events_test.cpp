// Orders' events over the real adapters: an event exists if and only if its change does, at
// every crash point of placing and cancelling, once recovery has run (both transaction modes).
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "core/events/event.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

struct Crash {};

class OrderEventsIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("events_admin"));
        admin_ = login("events_admin");
    }
    void TearDown() override { store_->orders().set_step_hook_for_testing(nullptr); }

    std::string product(const std::string &name, std::int64_t stock) {
        Value body = Value::object();
        body.set("name", name).set("price", 2.5).set("stock", stock);
        return store_->catalog().create_product(admin_, body).find("id")->as_string();
    }
    void add(const Session &session, const std::string &product_id, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", product_id).set("quantity", quantity);
        store_->cart().add_item(session, body);
    }
    void crash_at(OrderStep at, std::size_t at_line) {
        store_->orders().set_step_hook_for_testing([=](OrderStep step, std::size_t line) {
            if (step == at && line == at_line) {
                throw Crash{};
            }
        });
    }
    // The events of the feed by type, each with the order or product it names.
    std::multimap<std::string, std::string> feed() {
        std::multimap<std::string, std::string> found;
        std::int64_t after = 0;
        for (;;) {
            auto events = store_->event_feed().read_after(after, 1000);
            if (events.empty()) {
                return found;
            }
            for (const auto &event : events) {
                const Value *id = event.data.find("order_id");
                if (event.type == kEventOrderPlaced) {
                    id = event.data.find("id");
                } else if (event.type == kEventVariantOutOfStock) {
                    id = event.data.find("product_id");
                }
                found.emplace(event.type, id != nullptr ? id->as_string() : "");
                after = event.id;
            }
        }
    }
    std::size_t count(const std::multimap<std::string, std::string> &events,
                      const std::string &type, const std::string &id) {
        std::size_t n = 0;
        auto [from, to] = events.equal_range(type);
        for (auto it = from; it != to; ++it) {
            n += it->second == id ? 1 : 0;
        }
        return n;
    }

    Session admin_;
};

TEST_F(OrderEventsIntegrationTest, PlacedPaidCancelledAreThreeEventsInOrder) {
    std::string pen = product("Pen", 2);
    Session ada = client("ada");
    add(ada, pen, 2);
    Value order = store_->orders().place(ada, std::nullopt).order;
    std::string id = order.find("id")->as_string();
    Value paid = Value::object();
    paid.set("status", "paid").set("payment_reference", "pi_123");
    store_->orders().change_status(admin_, id, paid);
    store_->orders().cancel(ada, id);

    auto events = store_->event_feed().read_after(0, 1000);
    // The placement with the variant it sold out, then paid, then cancelled.
    std::vector<Event> of_order;
    for (const auto &event : events) {
        if (event.type.rfind("order.", 0) == 0 || event.type == kEventVariantOutOfStock) {
            of_order.push_back(event);
        }
    }
    ASSERT_EQ(of_order.size(), 4u);
    EXPECT_EQ(of_order[0].type, kEventOrderPlaced);
    EXPECT_EQ(of_order[0].data, order);
    EXPECT_EQ(of_order[1].type, kEventVariantOutOfStock);
    EXPECT_EQ(of_order[1].data.find("product_id")->as_string(), pen);
    EXPECT_EQ(of_order[2].type, kEventOrderStatusChanged);
    EXPECT_EQ(of_order[2].data.find("status_from")->as_string(), "placed");
    EXPECT_EQ(of_order[2].data.find("status_to")->as_string(), "paid");
    EXPECT_EQ(of_order[2].data.find("payment_reference")->as_string(), "pi_123");
    EXPECT_EQ(of_order[3].type, kEventOrderCancelled);
    EXPECT_EQ(of_order[3].data.find("status_from")->as_string(), "paid");
    EXPECT_EQ(of_order[3].data.find("user_id")->as_string(), ada.user_id);
}

TEST_F(OrderEventsIntegrationTest, EveryPlacementCrashPointLeavesAnEventIffTheOrderIsPlaced) {
    const std::vector<std::pair<OrderStep, std::size_t>> points = {
        {OrderStep::cart_taken, 0}, {OrderStep::order_recorded, 0}, {OrderStep::line_taken, 0},
        {OrderStep::line_taken, 1}, {OrderStep::order_placed, 0},
    };
    int n = 0;
    std::size_t placements = 0;  // orders placed so far, each with its order.placed
    for (const auto &[step, line] : points) {
        std::string last = product("Last" + std::to_string(n), 1);  // sold out by this order
        std::string many = product("Many" + std::to_string(n), 10);
        Session buyer = client("buyer" + std::to_string(n++));
        add(buyer, last, 1);
        add(buyer, many, 1);
        crash_at(step, line);
        EXPECT_THROW(store_->orders().place(buyer, std::nullopt), Crash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->recover(0);

        Value orders = store_->orders().list(buyer, Value::object());
        auto events = feed();
        bool placed = !orders.find("items")->as_array().empty();
        EXPECT_EQ(placed, !uses_transactions() && step == OrderStep::order_placed);
        if (placed) {
            std::string id = orders.find("items")->as_array()[0].find("id")->as_string();
            EXPECT_EQ(count(events, kEventOrderPlaced, id), 1u);
        }
        placements += placed ? 1 : 0;
        EXPECT_EQ(events.count(kEventOrderPlaced), placements) << "crash point " << n;
        EXPECT_EQ(count(events, kEventVariantOutOfStock, last), placed ? 1u : 0u);
        EXPECT_EQ(count(events, kEventVariantOutOfStock, many), 0u);
        // A placement that completes afterwards emits its events once.
        if (!placed) {
            if (store_->cart().view(buyer).find("count")->as_integer() == 0) {
                add(buyer, last, 1);  // a crash once the cart was taken lost it
                add(buyer, many, 1);
            }
            store_->orders().place(buyer, std::nullopt);
            ++placements;
            EXPECT_EQ(count(feed(), kEventVariantOutOfStock, last), 1u);
            EXPECT_EQ(feed().count(kEventOrderPlaced), placements);
        }
        EXPECT_EQ(store_->recover(0).find("events_relayed")->as_integer(), 0);
    }
}

TEST_F(OrderEventsIntegrationTest, EveryCancellationCrashPointEndsWithOneCancelledEvent) {
    const std::vector<std::pair<OrderStep, std::size_t>> points = {{OrderStep::cancel_started, 0},
                                                                   {OrderStep::line_returned, 0},
                                                                   {OrderStep::line_returned, 1}};
    int n = 0;
    for (const auto &[step, line] : points) {
        std::string pen = product("Pen" + std::to_string(n), 5);
        std::string ink = product("Ink" + std::to_string(n), 5);
        Session buyer = client("canceller" + std::to_string(n++));
        add(buyer, pen, 1);
        add(buyer, ink, 1);
        std::string id = store_->orders().place(buyer, std::nullopt).order.find("id")->as_string();
        crash_at(step, line);
        EXPECT_THROW(store_->orders().cancel(buyer, id), Crash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->recover(0);
        std::string status = store_->orders().status(buyer, id).find("status")->as_string();
        EXPECT_EQ(count(feed(), kEventOrderCancelled, id), status == "cancelled" ? 1u : 0u);
        if (status != "cancelled") {
            EXPECT_TRUE(uses_transactions());
            store_->orders().cancel(buyer, id);
        }
        EXPECT_EQ(count(feed(), kEventOrderCancelled, id), 1u);
        EXPECT_EQ(count(feed(), kEventOrderPlaced, id), 1u);
    }
}

// voucher.used_up goes with the order.placed of the order that took the last use, at every
// crash point of the voucher's redemption too; the use before the last emits none.
TEST_F(OrderEventsIntegrationTest, TheLastUseOfAVoucherIsAnEventWithItsOrder) {
    const std::vector<std::pair<OrderStep, std::size_t>> points = {
        {OrderStep::voucher_redeemed, 0},
        {OrderStep::voucher_user_counted, 0},
        {OrderStep::order_placed, 0}};
    int n = 0;
    for (const auto &[step, line] : points) {
        std::string code = "LAST" + std::to_string(n);
        Value body = Value::object();
        body.set("code", code).set("kind", "percent").set("value", 10).set("max_uses", 2);
        std::string voucher = store_->vouchers().create(admin_, body).find("id")->as_string();
        std::string pen = product("VPen" + std::to_string(n), 100);
        Value apply = Value::object();
        apply.set("code", code);
        auto used_up = [&] {
            std::size_t found = 0;
            for (const auto &event : store_->event_feed().read_after(0, 1000)) {
                if (event.type == kEventVoucherUsedUp &&
                    event.data.find("voucher_id")->as_string() == voucher) {
                    EXPECT_EQ(event.data.find("code")->as_string(), code);
                    ++found;
                }
            }
            return found;
        };
        Session first = client("first" + std::to_string(n));
        add(first, pen, 1);
        store_->vouchers().apply_to_cart(first, apply);
        store_->orders().place(first, std::nullopt);
        EXPECT_EQ(used_up(), 0u);  // one use left

        Session last = client("last" + std::to_string(n++));
        add(last, pen, 1);
        store_->vouchers().apply_to_cart(last, apply);
        crash_at(step, line);
        EXPECT_THROW(store_->orders().place(last, std::nullopt), Crash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->recover(0);
        bool placed =
            !store_->orders().list(last, Value::object()).find("items")->as_array().empty();
        EXPECT_EQ(used_up(), placed ? 1u : 0u) << "crash point " << n;
        if (!placed) {
            if (store_->cart().view(last).find("count")->as_integer() == 0) {
                add(last, pen, 1);
                store_->vouchers().apply_to_cart(last, apply);
            }
            store_->orders().place(last, std::nullopt);
        }
        EXPECT_EQ(used_up(), 1u);
    }
}

}  // namespace
}  // namespace libstore::testing
