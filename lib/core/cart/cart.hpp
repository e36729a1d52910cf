// A user's cart: one document per user, lines embedded. Prices are not kept: a cart is always
// shown at current prices, and an order snapshots them when it is placed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/product.hpp"
#include "core/value.hpp"

namespace libstore {

struct CartLine {
    std::string product_id;
    // Lines stored before variants existed read with the product's id: the id its default
    // variant has.
    std::string variant_id;
    std::int64_t quantity = 0;
};

struct Cart {
    std::string user_id;
    std::vector<CartLine> lines;
    // Optimistic concurrency: a save only applies to the version it was read at. 0 = no cart
    // document yet.
    std::int64_t version = 0;
    // The voucher put on the cart (PUT /cart/voucher), if any.
    std::optional<std::string> voucher_id;

    CartLine *find_line(const std::string &product_id, const std::string &variant_id);
};

inline constexpr std::int64_t kMaxLineQuantity = 1000;

// {"items": [{product_id, variant_id, sku, options, name, unit_price, quantity, line_total}],
// "count", "total_price"} at the current prices of `products` (the variants' prices). Lines of
// products that went out of stock stay (checkout will refuse them by name); lines of deleted
// products or variants are left out.
Value cart_value(const Cart &cart, const std::vector<Product> &products);

// The sum of the line totals cart_value() shows, in cents.
Cents cart_subtotal(const Cart &cart, const std::vector<Product> &products);

}  // namespace libstore
