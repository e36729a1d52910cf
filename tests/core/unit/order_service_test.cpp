// OrderService and CartService rules over in-memory fakes: all-or-nothing placement, price
// snapshots, idempotency, a crash at every step followed by recover(), cancellation.
#include <gtest/gtest.h>

#include "fakes/fake_audit.hpp"
#include "code_of.hpp"
#include "core/cart/cart_service.hpp"
#include "core/orders/order_service.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_orders.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

const std::string kPen = "0000000000000000000000a1";
const std::string kInk = "0000000000000000000000a2";
const std::string kBolt = "0000000000000000000000a3";

class OrderServiceTest : public ::testing::Test {
  protected:
    OrderServiceTest()
        : carts_(shelf_),
          inventory_(shelf_),
          cart_(carts_, authenticator_),
          audit_(audit_entries_, clock_),
          orders_(OrderPorts{database_, orders_repository_, carts_, inventory_, clock_,
                             authenticator_, audit_}) {
        shelf_.add(kPen, "Pen", 1999, 10);
        shelf_.add(kInk, "Ink", 500, 3);
    }

    void add(const std::string &product_id, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", product_id).set("quantity", quantity);
        cart_.add_item(buyer_, body);
    }

    std::int64_t ordered(const std::string &product_id) {
        std::int64_t total = 0;
        Value page = orders_.list(admin_session(), Value::object());
        for (const auto &order : page.find("items")->as_array()) {
            if (order.find("status")->as_string() == "cancelled")
                continue;
            for (const auto &item : order.find("items")->as_array()) {
                if (item.find("product_id")->as_string() == product_id) {
                    total += item.find("quantity")->as_integer();
                }
            }
        }
        return total;
    }

    void expect_invariant() {
        EXPECT_EQ(shelf_.stock(kPen) + ordered(kPen), 10);
        EXPECT_EQ(shelf_.stock(kInk) + ordered(kInk), 3);
    }

    FakeShelf shelf_;
    FakeDatabase database_;
    FakeCartRepository carts_;
    FakeInventoryRepository inventory_;
    FakeOrderRepository orders_repository_;
    FakeAuthenticator authenticator_;
    ManualClock clock_;
    CartService cart_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
    OrderService orders_;
    Session buyer_ = client_session();
};

TEST_F(OrderServiceTest, PlacesAllLinesWithPriceSnapshots) {
    add(kPen, 3);
    add(kInk, 3);
    auto placement = orders_.place(buyer_, std::nullopt);
    EXPECT_TRUE(placement.created);
    EXPECT_DOUBLE_EQ(placement.order.find("total_price")->as_real(), 74.97);
    EXPECT_EQ(shelf_.stock(kPen), 7);
    EXPECT_EQ(shelf_.variant(kInk, kInk)->stock, 0);
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty()) << "marks left after placing";
    EXPECT_EQ(cart_.view(buyer_).find("count")->as_integer(), 0);
}

TEST_F(OrderServiceTest, AShortLineTakesNothingAndKeepsTheCart) {
    add(kPen, 2);
    add(kInk, 3);
    shelf_.variant(kInk, kInk)->stock = 2;  // sold elsewhere meanwhile
    try {
        orders_.place(buyer_, std::nullopt);
        ADD_FAILURE() << "placed";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::conflict);
        EXPECT_EQ(error.field(), "items");
        const auto &details = error.details().as_array();
        ASSERT_EQ(details.size(), 1u);
        EXPECT_EQ(details[0].find("product_id")->as_string(), kInk);
        EXPECT_EQ(details[0].find("problem")->as_string(), "short");
        EXPECT_EQ(details[0].find("available_quantity")->as_integer(), 2);
    }
    EXPECT_EQ(shelf_.stock(kPen), 10);
    Value cart = cart_.view(buyer_);
    EXPECT_EQ(cart.find("items")->as_array().size(), 2u);
    EXPECT_EQ(cart.find("count")->as_integer(), 2);  // the short line is not counted
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
    EXPECT_TRUE(orders_.list(admin_session(), Value::object()).find("items")->as_array().empty());
}

TEST_F(OrderServiceTest, EveryUnavailableLineIsNamedAndNothingIsTaken) {
    shelf_.add(kBolt, "Bolt", 100, 5);
    add(kPen, 2);
    add(kInk, 3);
    add(kBolt, 1);
    shelf_.items.at(kPen).product.in_stock = false;
    shelf_.variant(kInk, kInk)->stock = 0;
    shelf_.items.erase(kBolt);
    std::vector<std::string> named;
    try {
        orders_.place(buyer_, std::string("key"));
        ADD_FAILURE() << "placed";
    } catch (const Error &error) {
        EXPECT_EQ(error.field(), "items");
        for (const auto &detail : error.details().as_array()) {
            named.push_back(detail.find("problem")->as_string());
        }
    }
    EXPECT_EQ(named, (std::vector<std::string>{"hidden", "out_of_stock", "deleted"}));
    EXPECT_EQ(shelf_.variant(kInk, kInk)->stock, 0);
    EXPECT_EQ(cart_.view(buyer_).find("items")->as_array().size(), 3u);
    EXPECT_TRUE(orders_.list(admin_session(), Value::object()).find("items")->as_array().empty());
    // Pruned, the cart holds nothing to buy: checkout says the cart is empty.
    EXPECT_TRUE(cart_.prune(buyer_).find("items")->as_array().empty());
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }), ErrorCode::invalid_argument);
}

TEST_F(OrderServiceTest, TheCartRecordsThePriceEachChangeOfALineWasMadeAt) {
    add(kPen, 1);
    shelf_.variant(kPen, kPen)->price_cents = 2500;
    Value viewed = cart_.view(buyer_);
    const Value &line = viewed.find("items")->as_array().at(0);
    EXPECT_TRUE(line.find("price_changed")->as_bool());
    EXPECT_DOUBLE_EQ(line.find("previous_unit_price")->as_real(), 19.99);
    add(kPen, 1);  // adding more: the price seen now
    EXPECT_FALSE(
        cart_.view(buyer_).find("items")->as_array().at(0).find("price_changed")->as_bool());
    shelf_.variant(kPen, kPen)->price_cents = 2000;
    Value quantity = Value::object();
    quantity.set("quantity", 1);
    Value cart = cart_.set_quantity(buyer_, kPen, std::nullopt, quantity);  // so is a new quantity
    EXPECT_FALSE(cart.find("items")->as_array().at(0).find("price_changed")->as_bool());
    EXPECT_EQ(orders_.place(buyer_, std::nullopt).order.find("total_price")->as_real(), 20.0);
}

TEST_F(OrderServiceTest, PruningAnAvailableCartWritesNothing) {
    add(kPen, 1);
    std::int64_t version = carts_.load(buyer_.user_id).cart.version;
    EXPECT_EQ(cart_.prune(buyer_).find("items")->as_array().size(), 1u);
    EXPECT_EQ(carts_.load(buyer_.user_id).cart.version, version);
    shelf_.variant(kPen, kPen)->stock = 0;
    EXPECT_TRUE(cart_.prune(buyer_).find("items")->as_array().empty());
    EXPECT_GT(carts_.load(buyer_.user_id).cart.version, version);
}

TEST_F(OrderServiceTest, StockTakenBetweenTheCheckAndTheTakingStillRefuses) {
    add(kPen, 2);
    add(kInk, 3);
    orders_.set_step_hook_for_testing([&](OrderStep step, std::size_t) {
        if (step == OrderStep::cart_taken)
            shelf_.variant(kInk, kInk)->stock = 1;  // a concurrent buyer, after the check
    });
    std::string field;
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "product_id");  // the conditional take's refusal
    orders_.set_step_hook_for_testing(nullptr);
    EXPECT_EQ(shelf_.stock(kPen), 10);
    EXPECT_EQ(cart_.view(buyer_).find("items")->as_array().size(), 2u);  // put back
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
}

TEST_F(OrderServiceTest, AKeyThatPlacedAnOrderAnswersItEvenOverAnUnavailableCart) {
    add(kPen, 1);
    auto first = orders_.place(buyer_, std::string("k"));
    add(kInk, 3);
    shelf_.variant(kInk, kInk)->stock = 1;
    auto again = orders_.place(buyer_, std::string("k"));
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.order, first.order);
}

TEST_F(OrderServiceTest, SameKeySameOrder) {
    add(kPen, 1);
    auto first = orders_.place(buyer_, std::string("k"));
    auto second = orders_.place(buyer_, std::string("k"));
    EXPECT_FALSE(second.created);
    EXPECT_EQ(first.order, second.order);
    EXPECT_EQ(shelf_.stock(kPen), 9);
}

TEST_F(OrderServiceTest, EveryCrashPointIsRecovered) {
    const std::vector<std::pair<OrderStep, std::size_t>> points = {{OrderStep::cart_taken, 0},
                                                                   {OrderStep::order_recorded, 0},
                                                                   {OrderStep::line_taken, 0},
                                                                   {OrderStep::line_taken, 1},
                                                                   {OrderStep::order_placed, 0}};
    for (const auto &point : points) {
        const OrderStep crash_step = point.first;  // copies: lambdas cannot capture bindings
        const std::size_t crash_line = point.second;
        {
            add(kPen, 1);
            add(kInk, 1);
            orders_.set_step_hook_for_testing([&](OrderStep step, std::size_t line) {
                if (step == crash_step && line == crash_line)
                    throw SimulatedCrash{};
            });
            EXPECT_THROW(orders_.place(buyer_, std::nullopt), SimulatedCrash);
            orders_.set_step_hook_for_testing(nullptr);
            clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
            orders_.recover();
            expect_invariant();
            EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
            cart_.clear(buyer_);
        }
    }
}

TEST_F(OrderServiceTest, RecentPendingOrdersAreLeftToTheirPlacer) {
    add(kPen, 1);
    orders_.set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::line_taken)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(orders_.place(buyer_, std::nullopt), SimulatedCrash);
    orders_.set_step_hook_for_testing(nullptr);
    Value report = orders_.recover();  // too young to be abandoned
    EXPECT_EQ(report.find("orders_rolled_back")->as_integer(), 0);
    EXPECT_EQ(shelf_.stock(kPen), 9);
    clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    report = orders_.recover();
    EXPECT_EQ(report.find("orders_rolled_back")->as_integer(), 1);
    EXPECT_EQ(shelf_.stock(kPen), 10);
}

TEST_F(OrderServiceTest, CancellingReturnsStockOnceEvenAfterACrash) {
    add(kPen, 4);
    std::string id = orders_.place(buyer_, std::nullopt).order.find("id")->as_string();
    orders_.set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::line_returned)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(orders_.cancel(buyer_, id), SimulatedCrash);
    orders_.set_step_hook_for_testing(nullptr);
    clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    orders_.recover();
    orders_.recover();
    EXPECT_EQ(shelf_.stock(kPen), 10);
    EXPECT_EQ(orders_.status(buyer_, id).find("status")->as_string(), "cancelled");
}

TEST_F(OrderServiceTest, EveryCallRechecksTheSession) {
    add(kPen, 1);
    authenticator_.revoked = true;
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { cart_.view(buyer_); }), ErrorCode::unauthenticated);
    EXPECT_EQ(shelf_.stock(kPen), 10);
}

Value status_body(const char *status) {
    Value body = Value::object();
    body.set("status", status);
    return body;
}

TEST_F(OrderServiceTest, OrderManagersSeeEveryOrderAndTheirMovesAreAudited) {
    add(kPen, 2);
    std::string order = orders_.place(buyer_, std::nullopt).order.find("id")->as_string();
    Session clerk = client_session();
    clerk.user_id = "00000000000000000000c0c0";
    clerk.role = Role::staff;
    EXPECT_EQ(code_of([&] { orders_.get(clerk, order); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { orders_.change_status(clerk, order, status_body("paid")); }),
              ErrorCode::forbidden);
    clerk.permissions.add(Permission::manage_orders);
    EXPECT_NO_THROW(orders_.get(clerk, order));
    EXPECT_EQ(orders_.list(clerk, Value::object()).find("items")->as_array().size(), 1U);
    orders_.change_status(clerk, order, status_body("paid"));
    orders_.cancel(clerk, order);
    EXPECT_EQ(shelf_.stock(kPen), 10);
    auto entries = audit_entries_.committed();
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].summary, "placed -> paid");
    EXPECT_EQ(entries[1].summary, "paid -> cancelled");
    EXPECT_EQ(entries[1].target_id, order);
    EXPECT_EQ(entries[1].actor_id, clerk.user_id);
    EXPECT_TRUE(audit_entries_.stale_pending(clock_.now_ms()).empty());
    // Each move wrote its entry's mark into the order, in the same step.
    EXPECT_EQ(orders_repository_.audit_marks[order],
              (std::vector<std::string>{entries[0].id, entries[1].id}));
}

TEST_F(OrderServiceTest, AnOwnersOwnCancelIsNotAudited) {
    add(kPen, 1);
    std::string order = orders_.place(buyer_, std::nullopt).order.find("id")->as_string();
    orders_.cancel(buyer_, order);
    EXPECT_TRUE(audit_entries_.entries.empty());
}

}  // namespace
}  // namespace libstore::testing
