// What a cart costs with its voucher: the cart view's subtotal, voucher and discount.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/cart/cart.hpp"
#include "core/catalog/product.hpp"
#include "core/value.hpp"
#include "core/vouchers/voucher.hpp"

namespace libstore {

// cart_value() plus "subtotal", "voucher" and "discount", with total_price = subtotal -
// discount. "voucher" is null when the cart holds none (or the one it held was deleted);
// otherwise {code, kind, value, applies, reason}: a voucher that stopped applying (expired,
// deactivated, used up, the subtotal fell under its minimum) stays named with the reason and
// takes nothing off, and checkout refuses it (409, field voucher) until the shopper removes it.
// The per-user limit is not shown here (it costs a read): PUT /cart/voucher and checkout check
// it.
Value priced_cart_value(const Cart &cart, const std::vector<Product> &products,
                        const std::optional<Voucher> &voucher, std::int64_t now_ms);

}  // namespace libstore
