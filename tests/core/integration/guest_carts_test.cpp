// Guest carts over the real MongoDB adapters: the cart rules under a cart token, guest and user
// carts kept apart, nothing stored for a token but its digest, the merge at login and on request
// (caps, dropped lines, the guest cart gone), 16 threads merging one guest cart (merged once), a
// crash at every merge step in both transaction modes, and what a merge costs.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "code_of.hpp"
#include "core/cart/guest_cart_token.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

class GuestCartsIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("guest_admin"));
        admin_ = login("guest_admin");
    }

    void TearDown() override { store_->cart_merge().set_step_hook_for_testing(nullptr); }

    std::string product(const std::string &name, double price, std::int64_t stock) {
        Value body = Value::object();
        body.set("name", name).set("price", price).set("stock", stock);
        return store_->catalog().create_product(admin_, body).find("id")->as_string();
    }

    Value add(const Session &session, const std::string &product_id, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", product_id).set("quantity", quantity);
        return store_->cart().add_item(session, body);
    }

    struct Guest {
        std::string token;
        Session session;
    };
    // A new guest: its token and session.
    Guest new_guest() {
        std::string token = store_->guest_carts().create().find("cart_token")->as_string();
        return {token, store_->guest_carts().open_session(token)};
    }

    static std::map<std::string, std::int64_t> lines_of(const Value &cart) {
        std::map<std::string, std::int64_t> lines;
        for (const auto &item : cart.find("items")->as_array()) {
            lines[item.find("product_id")->as_string()] = item.find("quantity")->as_integer();
        }
        return lines;
    }

    Session admin_;
};

TEST_F(GuestCartsIntegrationTest, CreatingAGuestCartWritesNothing) {
    count_from_here();
    Value created = store_->guest_carts().create();
    EXPECT_EQ(total_round_trips(), 0);
    std::string token = created.find("cart_token")->as_string();
    EXPECT_TRUE(is_cart_token(token));
    EXPECT_EQ(created.find("cart")->find("count")->as_integer(), 0);
    Session guest = store_->guest_carts().open_session(token);
    EXPECT_EQ(total_round_trips(), 0);
    EXPECT_TRUE(lines_of(store_->cart().view(guest)).empty());
    EXPECT_EQ(total_round_trips(), 1);  // a guest's cart calls have no session check
    std::string pen = product("Pen", 1.00, 5);
    count_from_here();
    add(guest, pen, 1);
    EXPECT_EQ(total_round_trips(), 2);
}

TEST_F(GuestCartsIntegrationTest, AGuestCartFollowsTheCartRulesApartFromTheUsersCart) {
    std::string pen = product("Pen", 19.99, 5);
    Session user = client("shopper");
    Guest g = new_guest();
    const std::string token = g.token;
    const Session guest = g.session;
    Value cart = add(guest, pen, 3);
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 59.97);
    EXPECT_EQ(code_of([&] { add(guest, pen, 3); }), ErrorCode::conflict);
    EXPECT_TRUE(lines_of(store_->cart().view(user)).empty());
    Value quantity = Value::object();
    quantity.set("quantity", 2);
    EXPECT_EQ(lines_of(store_->cart().set_quantity(guest, pen, std::nullopt, quantity))[pen], 2);
    EXPECT_TRUE(lines_of(store_->cart().remove_item(guest, pen, std::nullopt)).empty());
    add(guest, pen, 1);
    EXPECT_TRUE(lines_of(store_->cart().clear(guest)).empty());
    // Another guest's token reaches another cart.
    Session other = new_guest().session;
    add(guest, pen, 1);
    EXPECT_TRUE(lines_of(store_->cart().view(other)).empty());
}

TEST_F(GuestCartsIntegrationTest, AGuestSessionReachesNothingButItsCart) {
    std::string pen = product("Pen", 1.00, 5);
    Guest g = new_guest();
    const std::string token = g.token;
    const Session guest = g.session;
    add(guest, pen, 1);
    EXPECT_EQ(code_of([&] { store_->orders().place(guest, std::nullopt); }),
              ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { store_->orders().list(guest, Value::object()); }),
              ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { store_->accounts().me(guest); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { store_->accounts().logout(guest); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { store_->guest_carts().merge(guest, token); }),
              ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { store_->guest_carts().open_session("short"); }),
              ErrorCode::unauthenticated);
    EXPECT_EQ(lines_of(store_->cart().view(guest))[pen], 1);
}

TEST_F(GuestCartsIntegrationTest, LoginWithACartTokenMergesIt) {
    std::string pen = product("Pen", 1.00, 10);
    std::string ink = product("Ink", 2.00, 3);
    std::string gone = product("Gone", 3.00, 3);
    Session user = client("merger");
    add(user, pen, 4);
    Guest g = new_guest();
    const std::string token = g.token;
    const Session guest = g.session;
    add(guest, pen, 9);  // 4 + 9 > stock 10
    add(guest, ink, 2);
    add(guest, gone, 1);
    store_->catalog().delete_product(admin_, gone);
    Value body = credentials("merger");
    body.set("cart_token", token);
    Value answer = store_->guest_carts().login(body);
    Session again = store_->accounts().open_session(answer.find("access_token")->as_string());
    EXPECT_EQ(lines_of(store_->cart().view(again)),
              (std::map<std::string, std::int64_t>{{pen, 10}, {ink, 2}}));
    EXPECT_TRUE(lines_of(store_->cart().view(guest)).empty());
    // The same token again merges nothing, and the login still succeeds.
    EXPECT_NO_THROW(store_->guest_carts().login(body));
    EXPECT_EQ(lines_of(store_->cart().view(again))[ink], 2);
}

TEST_F(GuestCartsIntegrationTest, AMalformedCartTokenInTheLoginIsRefusedBeforeThePassword) {
    client("careful");
    Value body = credentials("careful");
    body.set("password", "wrong-password");
    body.set("cart_token", "not a token");
    std::string field;
    EXPECT_EQ(code_of([&] { store_->guest_carts().login(body); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "cart_token");
    body.set("cart_token", 42);
    EXPECT_EQ(code_of([&] { store_->guest_carts().login(body); }, &field),
              ErrorCode::invalid_argument);
    // No failure was counted: five more wrong passwords still lock, not four.
    body = credentials("careful");
    body.set("password", "wrong-password");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(code_of([&] { store_->guest_carts().login(body); }), ErrorCode::unauthenticated);
    }
}

TEST_F(GuestCartsIntegrationTest, MergeBodiesAreChecked) {
    Session user = client("checker");
    std::string field;
    EXPECT_EQ(code_of([&] { store_->guest_carts().merge_body(user, Value::object()); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "cart_token");
    Value body = Value::object();
    body.set("cart_token", std::string(43, 'a')).set("extra", 1);
    EXPECT_EQ(code_of([&] { store_->guest_carts().merge_body(user, body); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "extra");
    // A well-formed token of no cart merges nothing.
    Value unknown = Value::object();
    unknown.set("cart_token", std::string(43, 'a'));
    EXPECT_TRUE(lines_of(store_->guest_carts().merge_body(user, unknown)).empty());
}

TEST_F(GuestCartsIntegrationTest, SixteenThreadsMergingOneGuestCartMergeItOnce) {
    std::string pen = product("Pen", 1.00, 100);
    Session user = client("racer");
    add(user, pen, 1);
    Guest g = new_guest();
    const std::string token = g.token;
    const Session guest = g.session;
    add(guest, pen, 5);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, token = token] {
            try {
                store_->guest_carts().merge(user, token);
            } catch (const Error &error) {
                // Only the documented "try again" conflict may come back.
                if (error.code() != ErrorCode::conflict) {
                    ++failures;
                }
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(lines_of(store_->cart().view(user))[pen], 6);
    EXPECT_TRUE(lines_of(store_->cart().view(guest)).empty());
}

TEST_F(GuestCartsIntegrationTest, ACrashAtEveryMergeStepLosesNothingAndAddsNothingTwice) {
    std::string pen = product("Pen", 1.00, 100);
    int n = 0;
    for (MergeStep crash_at : {MergeStep::user_cart_saved, MergeStep::guest_cart_removed}) {
        SCOPED_TRACE(static_cast<int>(crash_at));
        Session user = client("crash" + std::to_string(n++));
        add(user, pen, 1);
        Guest g = new_guest();
        const std::string token = g.token;
        const Session guest = g.session;
        add(guest, pen, 2);
        store_->cart_merge().set_step_hook_for_testing([crash_at](MergeStep at) {
            if (at == crash_at)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(store_->guest_carts().merge(user, token), SimulatedCrash);
        store_->cart_merge().set_step_hook_for_testing(nullptr);
        if (uses_transactions()) {
            // The transaction was aborted: both carts are as they were.
            EXPECT_EQ(lines_of(store_->cart().view(user))[pen], 1);
            EXPECT_EQ(lines_of(store_->cart().view(guest))[pen], 2);
        } else {
            // The recorded sequence: the user's cart holds the guest's lines once.
            EXPECT_EQ(lines_of(store_->cart().view(user))[pen], 3);
        }
        EXPECT_EQ(lines_of(store_->guest_carts().merge(user, token))[pen], 3);
        EXPECT_TRUE(lines_of(store_->cart().view(guest)).empty());
        EXPECT_EQ(lines_of(store_->guest_carts().merge(user, token))[pen], 3);
    }
}

TEST_F(GuestCartsIntegrationTest, AMergeCostsTheSessionCheckTwoReadsAnUpdateAndADelete) {
    std::string pen = product("Pen", 1.00, 100);
    Session user = client("counter");
    add(user, pen, 1);
    Guest g = new_guest();
    const std::string token = g.token;
    const Session guest = g.session;
    add(guest, pen, 2);
    count_from_here();
    store_->guest_carts().merge(user, token);
    EXPECT_EQ(round_trips("aggregate"), 3);  // the session check, each cart with its products
    EXPECT_EQ(round_trips("update"), 1);
    EXPECT_EQ(round_trips("delete"), 1);
}

}  // namespace
}  // namespace libstore::testing
