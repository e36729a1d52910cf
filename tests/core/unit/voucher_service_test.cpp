// VoucherService and the voucher steps of OrderService over in-memory fakes: administration and
// its audit, putting a voucher on the cart, redemption inside placing an order with its limits,
// a crash at every voucher step followed by recover(), and the use given back once on cancel.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/cart/cart_service.hpp"
#include "core/orders/order_service.hpp"
#include "core/vouchers/voucher_service.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_orders.hpp"
#include "fakes/fake_vouchers.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

const std::string kPen = "0000000000000000000000a1";

class VoucherServiceTest : public ::testing::Test {
  protected:
    VoucherServiceTest()
        : carts_(shelf_),
          inventory_(shelf_),
          cart_(carts_, authenticator_, GuestCartPolicy{&clock_}),
          audit_(audit_entries_, clock_),
          orders_(OrderPorts{database_, orders_repository_, carts_, inventory_, clock_,
                             authenticator_, audit_, &vouchers_repository_}),
          vouchers_(
              VoucherPorts{vouchers_repository_, carts_, clock_, authenticator_, audit_, cart_}) {
        shelf_.add(kPen, "Pen", 1999, 100);
        carts_.voucher_lookup = [this](const std::string &id) {
            return vouchers_repository_.find(id);
        };
    }

    std::string create(std::initializer_list<std::pair<const char *, Value>> fields) {
        Value body = Value::object();
        body.set("code", "save10").set("kind", "percent").set("value", 10);
        for (const auto &[key, value] : fields) {
            body.set(key, value);
        }
        return vouchers_.create(admin_session(), body).find("id")->as_string();
    }

    void add_pens(const Session &who, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", kPen).set("quantity", quantity);
        cart_.add_item(who, body);
    }

    Value apply(const Session &who, const char *code) {
        Value body = Value::object();
        body.set("code", code);
        return vouchers_.apply_to_cart(who, body);
    }

    std::int64_t uses(const std::string &id) { return vouchers_repository_.find(id)->uses; }

    FakeShelf shelf_;
    FakeDatabase database_;
    FakeCartRepository carts_;
    FakeInventoryRepository inventory_;
    FakeOrderRepository orders_repository_;
    FakeVoucherRepository vouchers_repository_;
    FakeAuthenticator authenticator_;
    ManualClock clock_;
    CartService cart_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
    OrderService orders_;
    VoucherService vouchers_;
    Session buyer_ = client_session();
};

TEST_F(VoucherServiceTest, AdministrationIsForCatalogManagersAndAudited) {
    Value body = Value::object();
    body.set("code", "x-mas_26").set("kind", "fixed").set("value", 5);
    EXPECT_EQ(code_of([&] { vouchers_.create(buyer_, body); }), ErrorCode::forbidden);
    Value created = vouchers_.create(admin_session(), body);
    EXPECT_EQ(created.find("code")->as_string(), "X-MAS_26");
    EXPECT_DOUBLE_EQ(created.find("value")->as_real(), 5.0);
    EXPECT_EQ(created.find("uses")->as_integer(), 0);
    body.set("code", "X-Mas_26");
    std::string field;
    EXPECT_EQ(code_of([&] { vouchers_.create(admin_session(), body); }, &field),
              ErrorCode::conflict);
    EXPECT_EQ(field, "code");
    std::string id = created.find("id")->as_string();
    Value change = Value::object();
    change.set("active", false);
    EXPECT_FALSE(vouchers_.update(admin_session(), id, change).find("active")->as_bool());
    EXPECT_EQ(vouchers_.list(admin_session(), Value::object()).find("items")->as_array().size(),
              1U);
    vouchers_.remove(admin_session(), id);
    EXPECT_EQ(code_of([&] { vouchers_.get(admin_session(), id); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { vouchers_.get(admin_session(), "nope"); }), ErrorCode::not_found);
    auto entries = audit_entries_.committed();
    ASSERT_EQ(entries.size(), 3U);
    EXPECT_EQ(entries[0].action, "voucher.create");
    EXPECT_EQ(entries[1].action, "voucher.update");
    EXPECT_EQ(entries[2].action, "voucher.delete");
    EXPECT_EQ(entries[2].target_id, id);
}

TEST_F(VoucherServiceTest, TheListPagesNewestFirst) {
    for (const char *code : {"AAA", "BBB", "CCC"}) {
        create({{"code", code}});
        clock_.advance_ms(1);
    }
    Value query = Value::object();
    query.set("limit", 2);
    Value first = vouchers_.list(admin_session(), query);
    ASSERT_EQ(first.find("items")->as_array().size(), 2U);
    EXPECT_EQ(first.find("items")->as_array()[0].find("code")->as_string(), "CCC");
    query.set("cursor", *first.find("next_cursor"));
    Value second = vouchers_.list(admin_session(), query);
    ASSERT_EQ(second.find("items")->as_array().size(), 1U);
    EXPECT_EQ(second.find("items")->as_array()[0].find("code")->as_string(), "AAA");
    EXPECT_TRUE(second.find("next_cursor")->is_null());
}

TEST_F(VoucherServiceTest, PuttingAVoucherOnTheCartChecksEveryRule) {
    add_pens(buyer_, 1);  // 19.99
    create({{"code", "OFF"}, {"active", false}});
    create({{"code", "LATER"}, {"starts_at", "2099-01-01T00:00:00Z"}});
    create({{"code", "OVER"}, {"ends_at", "2020-01-01T00:00:00Z"}});
    create({{"code", "BIG"}, {"min_subtotal", 20}});
    std::string field;
    EXPECT_EQ(code_of([&] { apply(buyer_, "NOSUCH"); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { apply(buyer_, "off"); }), ErrorCode::not_found);
    for (const char *code : {"LATER", "OVER", "BIG"}) {
        EXPECT_EQ(code_of([&] { apply(buyer_, code); }, &field), ErrorCode::conflict) << code;
        EXPECT_EQ(field, "code");
    }
    EXPECT_EQ(code_of([&] { apply(buyer_, "x"); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "code");
    EXPECT_EQ(code_of([&] { apply(buyer_, "SAVE10"); }), ErrorCode::not_found)
        << "no SAVE10 voucher yet";
    add_pens(buyer_, 1);  // 39.98: now over BIG's minimum
    EXPECT_DOUBLE_EQ(apply(buyer_, "big").find("discount")->as_real(), 4.0);
}

TEST_F(VoucherServiceTest, TheCartShowsSubtotalDiscountAndTotal) {
    create({});
    add_pens(buyer_, 3);  // 59.97
    Value cart = apply(buyer_, "Save10");
    EXPECT_DOUBLE_EQ(cart.find("subtotal")->as_real(), 59.97);
    EXPECT_DOUBLE_EQ(cart.find("discount")->as_real(), 6.0);
    EXPECT_DOUBLE_EQ(cart.find("total_price")->as_real(), 53.97);
    EXPECT_EQ(cart.find("voucher")->find("code")->as_string(), "SAVE10");
    EXPECT_EQ(cart_.view(buyer_), cart);
    Value removed = vouchers_.remove_from_cart(buyer_);
    EXPECT_TRUE(removed.find("voucher")->is_null());
    EXPECT_DOUBLE_EQ(removed.find("total_price")->as_real(), 59.97);
}

TEST_F(VoucherServiceTest, DeletingAVoucherTakesItOffCartsAndLeavesOrdersAlone) {
    std::string id = create({});
    add_pens(buyer_, 1);
    apply(buyer_, "SAVE10");
    Value order = orders_.place(buyer_, std::nullopt).order;
    add_pens(buyer_, 1);
    apply(buyer_, "SAVE10");
    vouchers_.remove(admin_session(), id);
    EXPECT_TRUE(cart_.view(buyer_).find("voucher")->is_null());
    Value kept = orders_.get(buyer_, order.find("id")->as_string());
    EXPECT_EQ(kept.find("voucher_code")->as_string(), "SAVE10");
    EXPECT_DOUBLE_EQ(kept.find("discount")->as_real(), 2.0);
}

TEST_F(VoucherServiceTest, PlacingRedeemsAndTheOrderKeepsTheSnapshot) {
    std::string id = create({{"kind", "fixed"}, {"value", 25}});
    add_pens(buyer_, 1);  // 19.99: a fixed 25 takes it all
    apply(buyer_, "SAVE10");
    Value order = orders_.place(buyer_, std::nullopt).order;
    EXPECT_DOUBLE_EQ(order.find("subtotal")->as_real(), 19.99);
    EXPECT_DOUBLE_EQ(order.find("discount")->as_real(), 19.99);
    EXPECT_DOUBLE_EQ(order.find("total_price")->as_real(), 0.0);
    EXPECT_EQ(order.find("voucher_code")->as_string(), "SAVE10");
    EXPECT_EQ(uses(id), 1);
    EXPECT_EQ(vouchers_repository_.user_uses(id, buyer_.user_id), 1);
    EXPECT_EQ(vouchers_repository_.mark_count(), 0U);
    EXPECT_TRUE(cart_.view(buyer_).find("voucher")->is_null()) << "the cart lets go of it";
}

TEST_F(VoucherServiceTest, AVoucherNoLongerValidAtCheckoutChangesNothing) {
    std::string id = create({{"max_uses", 1}});
    Session other = client_session();
    other.user_id = "00000000000000000000c002";
    add_pens(buyer_, 2);
    add_pens(other, 1);
    apply(buyer_, "SAVE10");
    apply(other, "SAVE10");
    orders_.place(other, std::nullopt);
    std::string field;
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "voucher");
    EXPECT_EQ(uses(id), 1);
    EXPECT_EQ(shelf_.stock(kPen), 99);
    Value cart = cart_.view(buyer_);
    EXPECT_EQ(cart.find("count")->as_integer(), 2);
    EXPECT_EQ(cart.find("voucher")->find("reason")->as_string(), "used_up");
    EXPECT_EQ(vouchers_repository_.mark_count(), 0U);
    EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
}

TEST_F(VoucherServiceTest, TheUsersLimitHoldsAtCheckout) {
    std::string id = create({{"max_uses_per_user", 1}});
    add_pens(buyer_, 1);
    apply(buyer_, "SAVE10");
    add_pens(buyer_, 1);
    orders_.place(buyer_, std::nullopt);
    add_pens(buyer_, 1);
    std::string field;
    EXPECT_EQ(code_of([&] { apply(buyer_, "SAVE10"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "code");
    carts_.set_voucher(buyer_.user_id, id,
                       std::nullopt);  // put on before the first order was placed
    EXPECT_EQ(code_of([&] { orders_.place(buyer_, std::nullopt); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "voucher");
    EXPECT_EQ(uses(id), 1);
    EXPECT_EQ(vouchers_repository_.user_uses(id, buyer_.user_id), 1);
    EXPECT_EQ(shelf_.stock(kPen), 98);
}

TEST_F(VoucherServiceTest, CancellingGivesTheUseBackOnceEvenAfterACrash) {
    std::string id = create({{"max_uses", 1}, {"max_uses_per_user", 1}});
    add_pens(buyer_, 1);
    apply(buyer_, "SAVE10");
    std::string order = orders_.place(buyer_, std::nullopt).order.find("id")->as_string();
    orders_.set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::voucher_returned)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(orders_.cancel(buyer_, order), SimulatedCrash);
    orders_.set_step_hook_for_testing(nullptr);
    clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    orders_.recover();
    orders_.recover();
    EXPECT_EQ(uses(id), 0);
    EXPECT_EQ(vouchers_repository_.user_uses(id, buyer_.user_id), 0);
    EXPECT_EQ(vouchers_repository_.mark_count(), 0U);
    EXPECT_EQ(code_of([&] { orders_.cancel(buyer_, order); }), ErrorCode::conflict);
    EXPECT_EQ(uses(id), 0);
    add_pens(buyer_, 1);
    apply(buyer_, "SAVE10");  // usable again by the same user
}

TEST_F(VoucherServiceTest, EveryCrashPointLeavesStockAndUsesConsistent) {
    std::string id = create({{"max_uses", 100}});
    const std::vector<OrderStep> points = {
        OrderStep::cart_taken,       OrderStep::order_recorded,       OrderStep::line_taken,
        OrderStep::voucher_redeemed, OrderStep::voucher_user_counted, OrderStep::order_placed};
    for (OrderStep crash_step : points) {
        add_pens(buyer_, 1);
        apply(buyer_, "SAVE10");
        orders_.set_step_hook_for_testing([crash_step](OrderStep step, std::size_t) {
            if (step == crash_step)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(orders_.place(buyer_, std::nullopt), SimulatedCrash);
        orders_.set_step_hook_for_testing(nullptr);
        clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
        orders_.recover();
        // Orders that stand carry the voucher; the others took nothing.
        std::int64_t placed = 0;
        Value page = orders_.list(admin_session(), Value::object());
        for (const auto &order : page.find("items")->as_array()) {
            if (order.find("status")->as_string() != "cancelled")
                ++placed;
        }
        EXPECT_EQ(shelf_.stock(kPen) + placed, 100) << static_cast<int>(crash_step);
        EXPECT_EQ(uses(id), placed) << static_cast<int>(crash_step);
        EXPECT_EQ(vouchers_repository_.user_uses(id, buyer_.user_id), placed);
        EXPECT_EQ(vouchers_repository_.mark_count(), 0U);
        EXPECT_TRUE(inventory_.marks(StockMark::taken).empty());
        if (crash_step != OrderStep::cart_taken && crash_step != OrderStep::order_placed) {
            // Rolled back from its pending order: the cart has its line and voucher again. (A
            // crash right after taking the cart leaves no order to restore it from: the lines
            // go with it, as before vouchers.)
            EXPECT_FALSE(cart_.view(buyer_).find("voucher")->is_null())
                << static_cast<int>(crash_step);
        }
        cart_.clear(buyer_);
    }
}

}  // namespace
}  // namespace libstore::testing
