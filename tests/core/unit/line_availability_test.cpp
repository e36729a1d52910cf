// The one judgement of whether a cart line can be bought now (line_availability.hpp), every
// problem and the order they are found in, and what the cart shows of a price that moved.
#include <gtest/gtest.h>

#include "core/cart/cart.hpp"
#include "core/cart/line_availability.hpp"

namespace libstore {
namespace {

// A product "p" with variants "a" (5 in stock at 10.00) and "b" (2 at 12.50).
Product shirt() {
    Product product;
    product.id = "p";
    product.name = "Shirt";
    Variant a, b;
    a.id = "a";
    a.price_cents = 1000;
    a.stock = 5;
    b.id = "b";
    b.price_cents = 1250;
    b.stock = 2;
    product.variants = {a, b};
    derive_totals(product);
    return product;
}

LineProblem problem_of(const CartLine &line, const std::vector<Product> &products) {
    return line_availability(line, products).problem;
}

// The products a LineAvailability points into, alive for the whole test.
const std::vector<Product> kShirt = {shirt()};

TEST(LineAvailability, AnAvailableLineHasNoProblem) {
    LineAvailability availability = line_availability({"p", "a", 5}, kShirt);
    EXPECT_TRUE(availability.available());
    EXPECT_EQ(availability.variant->id, "a");
    EXPECT_EQ(line_problem_name(availability.problem), nullptr);
}

TEST(LineAvailability, DeletedProductOrVariant) {
    EXPECT_EQ(problem_of({"p", "a", 1}, {}), LineProblem::deleted);
    EXPECT_EQ(problem_of({"p", "gone", 1}, {shirt()}), LineProblem::deleted);
    LineAvailability availability = line_availability({"p", "gone", 1}, kShirt);
    EXPECT_EQ(availability.product, nullptr);  // nothing of it is shown
    EXPECT_EQ(availability.variant, nullptr);
}

TEST(LineAvailability, HiddenProductOrVariantWhateverTheStock) {
    Product product = shirt();
    product.in_stock = false;
    EXPECT_EQ(problem_of({"p", "a", 1}, {product}), LineProblem::hidden);
    product = shirt();
    product.variants[1].in_stock = false;
    EXPECT_EQ(problem_of({"p", "b", 1}, {product}), LineProblem::hidden);
    EXPECT_EQ(problem_of({"p", "a", 1}, {product}), LineProblem::none);
    product.variants[1].stock = 0;  // hidden is said first
    EXPECT_EQ(problem_of({"p", "b", 1}, {product}), LineProblem::hidden);
}

TEST(LineAvailability, OutOfStockAndShortSayWhatIsLeft) {
    std::vector<Product> products = {shirt()};
    Product &product = products.front();
    product.variants[0].stock = 0;
    LineAvailability out = line_availability({"p", "a", 1}, products);
    EXPECT_EQ(out.problem, LineProblem::out_of_stock);
    EXPECT_EQ(out.available_quantity, 0);
    LineAvailability short_line = line_availability({"p", "b", 3}, products);
    EXPECT_EQ(short_line.problem, LineProblem::short_of_stock);
    EXPECT_EQ(short_line.available_quantity, 2);
    EXPECT_TRUE(line_availability({"p", "b", 2}, products).available());  // exactly the stock
}

TEST(LineAvailability, ProblemNamesAndDetails) {
    EXPECT_STREQ(line_problem_name(LineProblem::deleted), "deleted");
    EXPECT_STREQ(line_problem_name(LineProblem::hidden), "hidden");
    EXPECT_STREQ(line_problem_name(LineProblem::out_of_stock), "out_of_stock");
    EXPECT_STREQ(line_problem_name(LineProblem::short_of_stock), "short");
    CartLine line{"p", "b", 3};
    Value detail = line_problem_value(line, line_availability(line, kShirt));
    EXPECT_EQ(detail.find("product_id")->as_string(), "p");
    EXPECT_EQ(detail.find("variant_id")->as_string(), "b");
    EXPECT_EQ(detail.find("problem")->as_string(), "short");
    EXPECT_EQ(detail.find("available_quantity")->as_integer(), 2);
    CartLine gone{"p", "gone", 1};
    detail = line_problem_value(gone, line_availability(gone, kShirt));
    EXPECT_TRUE(detail.find("available_quantity")->is_null());
}

TEST(CartValue, PriceChangedComparesWithThePriceTheLineWasChosenAt) {
    Cart cart;
    cart.lines = {{"p", "a", 1, 900}, {"p", "b", 1, 1250}, {"p", "a", 1}};
    Value value = cart_value(cart, {shirt()});
    const auto &items = value.find("items")->as_array();
    EXPECT_TRUE(items[0].find("price_changed")->as_bool());
    EXPECT_DOUBLE_EQ(items[0].find("previous_unit_price")->as_real(), 9.0);
    EXPECT_DOUBLE_EQ(items[0].find("unit_price")->as_real(), 10.0);
    EXPECT_FALSE(items[1].find("price_changed")->as_bool());
    EXPECT_TRUE(items[1].find("previous_unit_price")->is_null());
    EXPECT_FALSE(items[2].find("price_changed")->as_bool());  // a line from before it was kept
    EXPECT_TRUE(value.find("checkout_ready")->as_bool());     // never blocking
}

TEST(CartSubtotal, CoversTheAvailableLinesOnly) {
    Product product = shirt();
    Cart cart;
    cart.lines = {{"p", "a", 2}, {"p", "b", 3}, {"gone", "x", 1}};
    EXPECT_EQ(cart_subtotal(cart, {product}), 2000);  // b is short, x deleted
}

}  // namespace
}  // namespace libstore
