// OrderService and CartService rules over in-memory fakes: all-or-nothing placement, price
// snapshots, idempotency, a crash at every step followed by recover(), cancellation.
#include <gtest/gtest.h>

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

class OrderServiceTest : public ::testing::Test {
  protected:
    OrderServiceTest()
        : carts_(shelf_),
          inventory_(shelf_),
          cart_(carts_, authenticator_),
          orders_(OrderPorts{database_, orders_repository_, carts_, inventory_, clock_,
                             authenticator_}) {
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
    EXPECT_EQ(shelf_.stock(kInk), 0);
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty()) << "marks left after placing";
    EXPECT_EQ(cart_.view(buyer_).find("count")->as_integer(), 0);
}

TEST_F(OrderServiceTest, AShortLineTakesNothingAndKeepsTheCart) {
    add(kPen, 2);
    add(kInk, 3);
    shelf_.items.at(kInk).product.stock = 2;  // sold elsewhere meanwhile
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }), ErrorCode::conflict);
    EXPECT_EQ(shelf_.stock(kPen), 10);
    EXPECT_EQ(cart_.view(buyer_).find("count")->as_integer(), 5);
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
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

}  // namespace
}  // namespace libstore::testing
