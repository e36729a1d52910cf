#include "core/vouchers/cart_pricing.hpp"

namespace libstore {

Value priced_cart_value(const Cart &cart, const std::vector<Product> &products,
                        const std::optional<Voucher> &voucher, std::int64_t now_ms) {
    Value value = cart_value(cart, products);
    Cents subtotal = cart_subtotal(cart, products);
    Cents discount = 0;
    Value shown_voucher;
    if (voucher && cart.voucher_id) {
        VoucherRefusal refusal = voucher_refusal(*voucher, subtotal, now_ms);
        if (refusal == VoucherRefusal::none) {
            discount = voucher_discount(*voucher, subtotal);
        }
        shown_voucher = voucher_summary(*voucher);
        const char *reason = voucher_refusal_name(refusal);
        shown_voucher.set("applies", refusal == VoucherRefusal::none)
            .set("reason", reason != nullptr ? Value(reason) : Value());
    }
    value.set("subtotal", money_value(subtotal))
        .set("voucher", std::move(shown_voucher))
        .set("discount", money_value(discount))
        .set("total_price", money_value(subtotal - discount));
    return value;
}

}  // namespace libstore
