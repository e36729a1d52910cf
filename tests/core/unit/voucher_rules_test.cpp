// Voucher input rules (every field, naming it), the discount arithmetic in cents and when a
// voucher applies: no database.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/timestamp.hpp"
#include "core/vouchers/cart_pricing.hpp"
#include "core/vouchers/voucher.hpp"
#include "core/vouchers/voucher_input.hpp"

namespace libstore::testing {
namespace {

Value body_with(std::initializer_list<std::pair<const char *, Value>> fields) {
    Value body = Value::object();
    body.set("code", "save10").set("kind", "percent").set("value", 10);
    for (const auto &[key, value] : fields) {
        body.set(key, value);
    }
    return body;
}

// The field the error of parsing `body` names (or "ok").
std::string refused_field(const Value &body, ErrorCode expected = ErrorCode::invalid_argument) {
    std::string field;
    ErrorCode code = code_of([&] { parse_new_voucher(body); }, &field);
    EXPECT_EQ(code, expected) << field;
    return field;
}

TEST(VoucherInput, ANewVoucherIsShownUpperCaseAndKeyedLowerCase) {
    Voucher voucher = parse_new_voucher(body_with({{"min_subtotal", 20.5},
                                                   {"starts_at", "2026-01-01T00:00:00Z"},
                                                   {"ends_at", "2026-02-01T00:00:00.250+01:00"},
                                                   {"max_uses", 10},
                                                   {"max_uses_per_user", Value()}}));
    EXPECT_EQ(voucher.code, "SAVE10");
    EXPECT_EQ(voucher.code_key, "save10");
    EXPECT_EQ(voucher.kind, VoucherKind::percent);
    EXPECT_EQ(voucher.value, 10);
    EXPECT_EQ(voucher.min_subtotal_cents, 2050);
    EXPECT_EQ(format_rfc3339(*voucher.starts_at_ms), "2026-01-01T00:00:00.000Z");
    EXPECT_EQ(format_rfc3339(*voucher.ends_at_ms), "2026-01-31T23:00:00.250Z");
    EXPECT_EQ(voucher.max_uses, 10);
    EXPECT_FALSE(voucher.max_uses_per_user);
    EXPECT_TRUE(voucher.active);
}

TEST(VoucherInput, EveryBadFieldIsNamed) {
    EXPECT_EQ(refused_field(body_with({{"code", "ab"}})), "code");
    EXPECT_EQ(refused_field(body_with({{"code", std::string(33, 'a')}})), "code");
    EXPECT_EQ(refused_field(body_with({{"code", "no spaces"}})), "code");
    EXPECT_EQ(refused_field(body_with({{"code", "caf\xc3\xa9"}})), "code");
    EXPECT_EQ(refused_field(body_with({{"code", 12345}})), "code");
    EXPECT_EQ(refused_field(body_with({{"kind", "gift"}})), "kind");
    EXPECT_EQ(refused_field(body_with({{"value", 0}})), "value");
    EXPECT_EQ(refused_field(body_with({{"value", 101}})), "value");
    EXPECT_EQ(refused_field(body_with({{"value", 12.5}})), "value");
    EXPECT_EQ(refused_field(body_with({{"value", "10"}})), "value");
    EXPECT_EQ(refused_field(body_with({{"kind", "fixed"}, {"value", 0}})), "value");
    EXPECT_EQ(refused_field(body_with({{"kind", "fixed"}, {"value", -5}})), "value");
    EXPECT_EQ(refused_field(body_with({{"kind", "fixed"}, {"value", 1.005}})), "value");
    EXPECT_EQ(refused_field(body_with({{"min_subtotal", -1}})), "min_subtotal");
    EXPECT_EQ(refused_field(body_with({{"min_subtotal", 0.001}})), "min_subtotal");
    EXPECT_EQ(refused_field(body_with({{"starts_at", "2026-01-01"}})), "starts_at");
    EXPECT_EQ(refused_field(body_with({{"starts_at", "2026-02-30T00:00:00Z"}})), "starts_at");
    EXPECT_EQ(refused_field(body_with({{"ends_at", 1700000000}})), "ends_at");
    EXPECT_EQ(refused_field(body_with(
                  {{"starts_at", "2026-02-01T00:00:00Z"}, {"ends_at", "2026-02-01T00:00:00Z"}})),
              "ends_at");
    EXPECT_EQ(refused_field(body_with({{"max_uses", 0}})), "max_uses");
    EXPECT_EQ(refused_field(body_with({{"max_uses", 2.5}})), "max_uses");
    EXPECT_EQ(refused_field(body_with({{"max_uses_per_user", -1}})), "max_uses_per_user");
    EXPECT_EQ(refused_field(body_with({{"active", "yes"}})), "active");
    EXPECT_EQ(refused_field(body_with({{"uses", 3}})), "uses");
    EXPECT_EQ(refused_field(body_with({{"id", "x"}})), "id");
    Value no_code = body_with({});
    no_code.as_object().erase(no_code.as_object().begin());
    EXPECT_EQ(refused_field(no_code), "code");
}

TEST(VoucherInput, ChangesAreCheckedAgainstTheVoucher) {
    Voucher voucher = parse_new_voucher(body_with({{"max_uses", 10}}));
    voucher.uses = 4;
    Value to_fixed = Value::object();
    to_fixed.set("kind", "fixed");
    std::string field;
    EXPECT_EQ(
        code_of([&] { apply_voucher_changes(voucher, parse_voucher_changes(to_fixed)); }, &field),
        ErrorCode::invalid_argument);
    EXPECT_EQ(field, "value");
    to_fixed.set("value", 5.5);
    Voucher fixed = apply_voucher_changes(voucher, parse_voucher_changes(to_fixed));
    EXPECT_EQ(fixed.kind, VoucherKind::fixed);
    EXPECT_EQ(fixed.value, 550);

    Value below_uses = Value::object();
    below_uses.set("max_uses", 3);
    EXPECT_EQ(
        code_of([&] { apply_voucher_changes(voucher, parse_voucher_changes(below_uses)); }, &field),
        ErrorCode::conflict);
    EXPECT_EQ(field, "max_uses");
    Value unlimited = Value::object();
    unlimited.set("max_uses", Value());
    EXPECT_FALSE(apply_voucher_changes(voucher, parse_voucher_changes(unlimited)).max_uses);

    Value uses = Value::object();
    uses.set("uses", 0);
    EXPECT_EQ(code_of([&] { parse_voucher_changes(uses); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "uses");
    EXPECT_EQ(code_of([&] { parse_voucher_changes(Value::object()); }),
              ErrorCode::invalid_argument);
    Value null_code = Value::object();
    null_code.set("code", Value());
    EXPECT_EQ(code_of([&] { parse_voucher_changes(null_code); }, &field),
              ErrorCode::invalid_argument);
    EXPECT_EQ(field, "code");
}

Voucher percent(std::int64_t value) {
    Voucher voucher;
    voucher.code = "P";
    voucher.kind = VoucherKind::percent;
    voucher.value = value;
    return voucher;
}

Voucher fixed(Cents value) {
    Voucher voucher = percent(0);
    voucher.kind = VoucherKind::fixed;
    voucher.value = value;
    return voucher;
}

TEST(VoucherDiscount, PercentRoundsHalfUpToTheCent) {
    EXPECT_EQ(voucher_discount(percent(10), 1995), 200);  // 199.5 -> 200
    EXPECT_EQ(voucher_discount(percent(10), 1994), 199);  // 199.4 -> 199
    EXPECT_EQ(voucher_discount(percent(15), 333), 50);    // 49.95 -> 50
    EXPECT_EQ(voucher_discount(percent(1), 49), 0);       // 0.49 -> 0
    EXPECT_EQ(voucher_discount(percent(1), 50), 1);       // 0.5 -> 1
    EXPECT_EQ(voucher_discount(percent(100), 5997), 5997);
    EXPECT_EQ(voucher_discount(percent(33), 0), 0);
}

TEST(VoucherDiscount, FixedNeverExceedsTheSubtotal) {
    EXPECT_EQ(voucher_discount(fixed(500), 1999), 500);
    EXPECT_EQ(voucher_discount(fixed(500), 300), 300);
    EXPECT_EQ(voucher_discount(fixed(500), 0), 0);
}

TEST(VoucherRefusal, DatesUsesAndMinimumAreChecked) {
    Voucher voucher = percent(10);
    voucher.starts_at_ms = 1000;
    voucher.ends_at_ms = 2000;
    voucher.min_subtotal_cents = 100;
    voucher.max_uses = 2;
    EXPECT_EQ(voucher_refusal(voucher, 100, 999), VoucherRefusal::not_started);
    EXPECT_EQ(voucher_refusal(voucher, 100, 1000), VoucherRefusal::none);
    EXPECT_EQ(voucher_refusal(voucher, 100, 2000), VoucherRefusal::expired);
    EXPECT_EQ(voucher_refusal(voucher, 99, 1500), VoucherRefusal::under_min_subtotal);
    voucher.uses = 2;
    EXPECT_EQ(voucher_refusal(voucher, 100, 1500), VoucherRefusal::used_up);
    voucher.active = false;
    EXPECT_EQ(voucher_refusal(voucher, 100, 1500), VoucherRefusal::inactive);
}

TEST(CartPricing, AVoucherThatStoppedApplyingIsNamedWithItsReasonAndTakesNothing) {
    Product pen;
    pen.id = "0000000000000000000000a1";
    pen.name = "Pen";
    Variant only;
    only.id = pen.id;
    only.price_cents = 1999;
    only.stock = 10;
    pen.variants.push_back(only);
    Cart cart;
    cart.user_id = "u";
    cart.lines = {CartLine{pen.id, pen.id, 3}};
    cart.version = 1;
    cart.voucher_id = "v";
    Voucher voucher = percent(10);
    voucher.min_subtotal_cents = 5000;
    Value shown = priced_cart_value(cart, {pen}, voucher, 0);
    EXPECT_DOUBLE_EQ(shown.find("subtotal")->as_real(), 59.97);
    EXPECT_DOUBLE_EQ(shown.find("discount")->as_real(), 6.0);  // 5.997 -> 6.00
    EXPECT_DOUBLE_EQ(shown.find("total_price")->as_real(), 53.97);
    EXPECT_TRUE(shown.find("voucher")->find("applies")->as_bool());
    cart.lines[0].quantity = 2;
    shown = priced_cart_value(cart, {pen}, voucher, 0);
    EXPECT_DOUBLE_EQ(shown.find("discount")->as_real(), 0.0);
    EXPECT_DOUBLE_EQ(shown.find("total_price")->as_real(), 39.98);
    EXPECT_FALSE(shown.find("voucher")->find("applies")->as_bool());
    EXPECT_EQ(shown.find("voucher")->find("reason")->as_string(), "under_min_subtotal");
    EXPECT_TRUE(priced_cart_value(cart, {pen}, std::nullopt, 0).find("voucher")->is_null());
}

TEST(Timestamps, Rfc3339IsParsedStrictly) {
    EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_rfc3339("2026-11-23T10:00:00.000Z"),
              parse_rfc3339("2026-11-23T11:00:00+01:00"));
    EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z").has_value(), true);
    EXPECT_FALSE(parse_rfc3339("2023-02-29T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-11-23T10:00:00"));
    EXPECT_FALSE(parse_rfc3339("2026-11-23 10:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-11-23T24:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-11-23T10:00:00Zjunk"));
    EXPECT_FALSE(parse_rfc3339(""));
}

}  // namespace
}  // namespace libstore::testing
