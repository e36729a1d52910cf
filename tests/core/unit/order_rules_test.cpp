// The pure rules of carts and orders: the status machine, exact totals, the API shapes.
#include <gtest/gtest.h>

#include <set>

#include "core/cart/cart.hpp"
#include "core/orders/order.hpp"

namespace libstore {
namespace {

TEST(OrderStatus, OnlyTheDocumentedMovesAreLegal) {
    using S = OrderStatus;
    const std::vector<S> all = {S::pending,   S::placed,     S::paid,     S::shipped,
                                S::delivered, S::cancelling, S::cancelled};
    std::set<std::pair<S, S>> legal = {{S::placed, S::paid},
                                       {S::paid, S::shipped},
                                       {S::shipped, S::delivered},
                                       {S::placed, S::cancelled},
                                       {S::paid, S::cancelled}};
    for (S from : all) {
        for (S to : all) {
            EXPECT_EQ(is_legal_move(from, to), legal.count({from, to}) == 1)
                << order_status_name(from) << " -> " << order_status_name(to);
        }
    }
}

TEST(OrderStatus, NamesRoundTripAndInternalStatesAreHidden) {
    for (const char *name :
         {"pending", "placed", "paid", "shipped", "delivered", "cancelling", "cancelled"}) {
        auto status = parse_order_status(name);
        ASSERT_TRUE(status.has_value()) << name;
        EXPECT_STREQ(order_status_name(*status), name);
    }
    EXPECT_FALSE(parse_order_status("Paid").has_value());
    EXPECT_FALSE(is_visible(OrderStatus::pending));
    EXPECT_FALSE(is_visible(OrderStatus::cancelling));
    EXPECT_TRUE(is_visible(OrderStatus::cancelled));
}

TEST(OrderValue, TotalsAreExactAndCancellingShowsAsCancelled) {
    Order order;
    order.id = "0123456789abcdef01234567";
    order.user_id = "76543210fedcba9876543210";
    OrderLine line;
    line.product_id = line.variant_id = "aaaaaaaaaaaaaaaaaaaaaaaa";
    line.name = "Pen";
    line.sku = "PEN-1";
    line.options = {{"color", "blue"}};
    line.unit_price_cents = 1999;
    line.quantity = 3;
    order.lines = {line};
    order.total_cents = 5997;
    order.status = OrderStatus::cancelling;
    Value value = order_value(order);
    EXPECT_EQ(value.find("status")->as_string(), "cancelled");
    EXPECT_DOUBLE_EQ(value.find("total_price")->as_real(), 59.97);
    const Value &item = value.find("items")->as_array().at(0);
    EXPECT_DOUBLE_EQ(item.find("line_total")->as_real(), 59.97);
    EXPECT_DOUBLE_EQ(item.find("unit_price")->as_real(), 19.99);
    EXPECT_EQ(item.find("quantity")->as_integer(), 3);
    EXPECT_EQ(item.find("variant_id")->as_string(), "aaaaaaaaaaaaaaaaaaaaaaaa");
    EXPECT_EQ(item.find("sku")->as_string(), "PEN-1");
    EXPECT_EQ(item.find("options")->find("color")->as_string(), "blue");
}

TEST(CartValue, ShowsEveryLineCountingAndTotallingTheAvailableOnes) {
    Cart cart;
    cart.lines = {{"p1", "v1", 3}, {"p2", "v2", 1}, {"gone", "v3", 5}, {"p1", "deleted", 2}};
    Product pen;
    pen.id = "p1";
    pen.name = "Pen";
    Variant blue;
    blue.id = "v1";
    blue.price_cents = 1999;
    blue.stock = 10;
    pen.variants = {blue};
    derive_totals(pen);
    Product sold_out = pen;
    sold_out.id = "p2";
    sold_out.name = "Sold out";
    sold_out.variants.front().id = "v2";
    sold_out.variants.front().price_cents = 10;
    sold_out.variants.front().stock = 0;
    derive_totals(sold_out);
    Value value = cart_value(cart, {pen, sold_out});
    const auto &items = value.find("items")->as_array();
    ASSERT_EQ(items.size(), 4u);  // the deleted ones too: checkout would name them
    EXPECT_EQ(value.find("count")->as_integer(), 3);
    EXPECT_DOUBLE_EQ(value.find("total_price")->as_real(), 59.97);
    EXPECT_FALSE(value.find("checkout_ready")->as_bool());
    EXPECT_EQ(items.at(0).find("variant_id")->as_string(), "v1");
    EXPECT_TRUE(items.at(0).find("available")->as_bool());
    EXPECT_EQ(items.at(1).find("problem")->as_string(), "out_of_stock");
    EXPECT_EQ(items.at(1).find("available_quantity")->as_integer(), 0);
    EXPECT_DOUBLE_EQ(items.at(1).find("line_total")->as_real(), 0.10);  // shown, not totalled
    EXPECT_EQ(items.at(2).find("problem")->as_string(), "deleted");
    EXPECT_TRUE(items.at(2).find("name")->is_null());
    EXPECT_TRUE(items.at(2).find("unit_price")->is_null());
    EXPECT_EQ(items.at(3).find("problem")->as_string(), "deleted");  // its variant is gone
    EXPECT_EQ(items.at(3).find("quantity")->as_integer(), 2);

    cart.lines = {{"p1", "v1", 3}};
    EXPECT_TRUE(cart_value(cart, {pen}).find("checkout_ready")->as_bool());
    EXPECT_FALSE(cart_value(Cart{}, {}).find("checkout_ready")->as_bool());  // nothing to buy
}

TEST(ProductTotals, FromPriceOfPurchasableVariantsAndStockOfSwitchedOnOnes) {
    Product shirt;
    Variant small, medium, large;
    small.price_cents = 1000;
    small.stock = 0;  // sold out: its price is not the "from" price
    medium.price_cents = 1500;
    medium.stock = 3;
    large.price_cents = 1200;
    large.stock = 4;
    large.in_stock = false;  // switched off: neither price nor stock counts
    shirt.variants = {small, medium, large};
    derive_totals(shirt);
    EXPECT_EQ(shirt.price_cents, 1500);
    EXPECT_EQ(shirt.stock, 3);
    EXPECT_TRUE(is_publicly_visible(shirt));
    shirt.variants[1].stock = 0;
    derive_totals(shirt);
    EXPECT_EQ(shirt.price_cents, 1000);  // none purchasable: the lowest of all
    EXPECT_EQ(shirt.stock, 0);
    EXPECT_FALSE(is_publicly_visible(shirt));
}

}  // namespace
}  // namespace libstore
