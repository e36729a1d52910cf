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
    // The cart's key: the user's id, or a guest cart's key (guest_cart_key(), never an id).
    std::string user_id;
    std::vector<CartLine> lines;
    // Optimistic concurrency: a save only applies to the version it was read at. 0 = no cart
    // document yet.
    std::int64_t version = 0;
    // Guest carts only: when an idle cart is dropped (refreshed by every change; 0 for users'
    // carts, which never expire), and a random name for this life of the cart, so a merge
    // recorded for it is never mistaken for one of a cart made later under the same token.
    std::int64_t expires_at_ms = 0;
    std::string incarnation;
    // Users' carts only: the incarnations of the guest carts merged into it (the latest few),
    // so a merge repeated or raced merges once.
    std::vector<std::string> merged_guest_carts;
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
