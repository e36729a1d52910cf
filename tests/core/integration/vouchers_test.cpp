// Vouchers over the real MongoDB adapters: administration, the cart's view of a voucher, 64
// concurrent checkouts of a voucher limited to 10 uses, one user's concurrent checkouts against
// max_uses_per_user, a crash at every voucher step followed by recover(), and the use given back
// exactly once on cancel. Run in both transaction modes (replica set and standalone).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

class VouchersIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("vouchers_admin"));
        admin_ = login("vouchers_admin");
        pen_ = product("Pen", 19.99, kPens);
    }

    void TearDown() override { store_->orders().set_step_hook_for_testing(nullptr); }

    std::string product(const std::string &name, double price, std::int64_t stock) {
        Value body = Value::object();
        body.set("name", name).set("price", price).set("stock", stock);
        return store_->catalog().create_product(admin_, body).find("id")->as_string();
    }

    std::string voucher(std::initializer_list<std::pair<const char *, Value>> fields) {
        Value body = Value::object();
        body.set("code", "save10").set("kind", "percent").set("value", 10);
        for (const auto &[key, value] : fields) {
            body.set(key, value);
        }
        return store_->vouchers().create(admin_, body).find("id")->as_string();
    }

    void add_pens(const Session &who, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", pen_).set("quantity", quantity);
        store_->cart().add_item(who, body);
    }

    Value apply(const Session &who, const char *code = "SAVE10") {
        Value body = Value::object();
        body.set("code", code);
        return store_->vouchers().apply_to_cart(who, body);
    }

    std::int64_t uses(const std::string &id) {
        return store_->vouchers().get(admin_, id).find("uses")->as_integer();
    }

    std::int64_t pen_stock() {
        return store_->catalog().get_product(&admin_, pen_).find("stock")->as_integer();
    }

    // Orders that stand (not cancelled), and how many of them carry the voucher.
    std::pair<std::int64_t, std::int64_t> standing_orders() {
        std::int64_t pens = 0;
        std::int64_t with_voucher = 0;
        Value query = Value::object();
        query.set("limit", 100);
        while (true) {
            Value page = store_->orders().list(admin_, query);
            for (const auto &order : page.find("items")->as_array()) {
                if (order.find("status")->as_string() == "cancelled")
                    continue;
                for (const auto &item : order.find("items")->as_array())
                    pens += item.find("quantity")->as_integer();
                with_voucher += order.find("voucher_code")->is_string();
            }
            if (page.find("next_cursor")->is_null())
                break;
            query.set("cursor", *page.find("next_cursor"));
        }
        return {pens, with_voucher};
    }

    // Stock and uses agree with the orders that stand, and no mark is left behind.
    void expect_consistent(const std::string &voucher_id, const std::string &context) {
        auto [pens, with_voucher] = standing_orders();
        EXPECT_EQ(pen_stock() + pens, kPens) << context;
        EXPECT_EQ(uses(voucher_id), with_voucher) << context;
        Value again = store_->orders().recover(0);
        EXPECT_EQ(again.find("orders_rolled_back")->as_integer(), 0) << context;
        EXPECT_EQ(again.find("marks_cleared")->as_integer(), 0) << context;
    }

    static constexpr std::int64_t kPens = 1000;
    Session admin_;
    std::string pen_;
};

TEST_F(VouchersIntegrationTest, AdministrationRoundTrips) {
    Value body = Value::object();
    body.set("code", "Spring-26")
        .set("kind", "fixed")
        .set("value", 5.5)
        .set("min_subtotal", 20)
        .set("starts_at", "2026-03-01T00:00:00Z")
        .set("ends_at", "2026-06-01T00:00:00+02:00")
        .set("max_uses", 100)
        .set("max_uses_per_user", 1);
    Value created = store_->vouchers().create(admin_, body);
    std::string id = created.find("id")->as_string();
    EXPECT_EQ(store_->vouchers().get(admin_, id), created);
    EXPECT_EQ(created.find("code")->as_string(), "SPRING-26");
    EXPECT_EQ(created.find("ends_at")->as_string(), "2026-05-31T22:00:00.000Z");
    EXPECT_DOUBLE_EQ(created.find("min_subtotal")->as_real(), 20.0);
    body.set("code", "SPRING-26");
    std::string field;
    EXPECT_EQ(code_of([&] { store_->vouchers().create(admin_, body); }, &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "code");
    Value change = Value::object();
    change.set("max_uses", Value()).set("code", "summer");
    Value changed = store_->vouchers().update(admin_, id, change);
    EXPECT_TRUE(changed.find("max_uses")->is_null());
    EXPECT_EQ(changed.find("code")->as_string(), "SUMMER");
    EXPECT_EQ(store_->vouchers().list(admin_, Value::object()).find("items")->as_array().size(),
              1U);
    store_->vouchers().remove(admin_, id);
    EXPECT_EQ(code_of([&] { store_->vouchers().get(admin_, id); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { store_->vouchers().remove(admin_, id); }), ErrorCode::not_found);
}

TEST_F(VouchersIntegrationTest, TheCartShowsItsVoucherInOneRoundTrip) {
    std::string id = voucher({{"min_subtotal", 40}});
    Session buyer = client("shopper");
    add_pens(buyer, 3);  // 59.97
    apply(buyer);
    count_from_here();
    Value cart = store_->cart().view(buyer);
    EXPECT_EQ(total_round_trips(), 1 + 1);  // the session check, then cart, lines and voucher
    EXPECT_DOUBLE_EQ(cart.find("subtotal")->as_real(), 59.97);
    EXPECT_DOUBLE_EQ(cart.find("discount")->as_real(), 6.0);
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 53.97);
    Value fewer = Value::object();
    fewer.set("quantity", 1);
    cart = store_->cart().set_quantity(buyer, pen_, std::nullopt, fewer);
    EXPECT_EQ(cart.find("voucher")->find("reason")->as_string(), "under_min_subtotal");
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 19.99);
    std::string field;
    EXPECT_EQ(code_of([&] { store_->orders().place(buyer, std::nullopt); }, &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "voucher");
    EXPECT_EQ(store_->cart().view(buyer).find("count")->as_integer(), 1);
    store_->vouchers().remove(admin_, id);
    EXPECT_TRUE(store_->cart().view(buyer).find("voucher")->is_null());
}

TEST_F(VouchersIntegrationTest, SixtyFourCheckoutsOfAVoucherLimitedToTenUsesRedeemExactlyTen) {
    constexpr int kBuyers = 64;
    std::string id = voucher({{"max_uses", 10}});
    std::vector<Session> buyers;
    for (int i = 0; i < kBuyers; ++i) {
        buyers.push_back(client("vbuyer" + std::to_string(i)));
        add_pens(buyers.back(), 1);
        apply(buyers.back());
    }
    std::atomic<int> placed{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kBuyers; ++i) {
        threads.emplace_back([&, i] {
            try {
                Value order = store_->orders().place(buyers[i], std::nullopt).order;
                placed += order.find("voucher_code")->is_string();
            } catch (const Error &error) {
                (error.code() == ErrorCode::conflict && error.field() == "voucher" ? refused
                                                                                   : other)++;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(placed.load(), 10);
    EXPECT_EQ(refused.load(), kBuyers - 10);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(uses(id), 10);
    EXPECT_EQ(pen_stock(), kPens - 10);
    int carts_kept = 0;
    for (auto &buyer : buyers) {
        Value cart = store_->cart().view(buyer);
        carts_kept += cart.find("count")->as_integer() == 1 && cart.find("voucher")->is_object();
    }
    EXPECT_EQ(carts_kept, kBuyers - 10);
    expect_consistent(id, "after the race");
}

TEST_F(VouchersIntegrationTest, OneUsersConcurrentCheckoutsStayWithinTheirLimit) {
    constexpr int kThreads = 8;
    constexpr int kRounds = 4;
    std::string id = voucher({{"max_uses_per_user", 2}});
    Session buyer = client("eager");
    std::atomic<int> other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < kRounds; ++round) {
                try {
                    add_pens(buyer, 1);
                    apply(buyer);
                    store_->orders().place(buyer, std::nullopt);
                } catch (const Error &error) {
                    // Expected: the limit (409), another thread's checkout emptied the cart
                    // (400), or the cart changed under a retry (409).
                    if (error.code() != ErrorCode::conflict &&
                        error.code() != ErrorCode::invalid_argument) {
                        ++other;
                    }
                }
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(other.load(), 0);
    auto [pens, with_voucher] = standing_orders();
    EXPECT_LE(with_voucher, 2);
    EXPECT_GE(with_voucher, 1);
    EXPECT_EQ(uses(id), with_voucher);
    expect_consistent(id, "one user's race");
}

TEST_F(VouchersIntegrationTest, ACrashAtEveryVoucherStepIsRecovered) {
    std::string id = voucher({});
    const std::vector<OrderStep> points = {
        OrderStep::order_recorded, OrderStep::line_taken, OrderStep::voucher_redeemed,
        OrderStep::voucher_user_counted, OrderStep::order_placed};
    int n = 0;
    for (OrderStep point : points) {
        std::string context = "crash at step " + std::to_string(static_cast<int>(point));
        Session buyer = client("vcrash" + std::to_string(n++));
        add_pens(buyer, 2);
        apply(buyer);
        store_->orders().set_step_hook_for_testing([point](OrderStep step, std::size_t) {
            if (step == point)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->orders().place(buyer, std::nullopt), SimulatedCrash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->orders().recover(0);
        bool placed = !uses_transactions() && point == OrderStep::order_placed;
        EXPECT_EQ(store_->orders().list(buyer, Value::object()).find("items")->as_array().size(),
                  placed ? 1U : 0U)
            << context;
        if (!placed) {
            Value cart = store_->cart().view(buyer);
            EXPECT_EQ(cart.find("count")->as_integer(), 2) << context;
            EXPECT_TRUE(cart.find("voucher")->is_object()) << context << ": voucher not given back";
        }
        expect_consistent(id, context);
    }
}

TEST_F(VouchersIntegrationTest, CancellingGivesTheUseBackExactlyOnceAcrossACrash) {
    std::string id = voucher({{"max_uses", 5}, {"max_uses_per_user", 1}});
    const std::vector<OrderStep> points = {OrderStep::cancel_started, OrderStep::line_returned,
                                           OrderStep::voucher_returned};
    int n = 0;
    for (OrderStep point : points) {
        std::string context = "crash at step " + std::to_string(static_cast<int>(point));
        Session buyer = client("vcancel" + std::to_string(n++));
        add_pens(buyer, 1);
        apply(buyer);
        std::string order =
            store_->orders().place(buyer, std::nullopt).order.find("id")->as_string();
        EXPECT_EQ(uses(id), 1) << context;
        store_->orders().set_step_hook_for_testing([point](OrderStep step, std::size_t) {
            if (step == point)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->orders().cancel(buyer, order), SimulatedCrash);
        store_->orders().set_step_hook_for_testing(nullptr);
        store_->orders().recover(0);
        if (uses_transactions()) {
            EXPECT_EQ(uses(id), 1) << context << ": the aborted transaction kept the use";
            store_->orders().cancel(buyer, order);
        }
        store_->orders().recover(0);
        EXPECT_EQ(uses(id), 0) << context;
        expect_consistent(id, context);
        // The user may use it again: their count went back too.
        add_pens(buyer, 1);
        EXPECT_NO_THROW(apply(buyer)) << context;
        store_->cart().clear(buyer);
    }
}

}  // namespace
}  // namespace libstore::testing
