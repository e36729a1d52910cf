// A user's cart: one document per user, lines embedded. A cart is always shown at current prices,
// and an order snapshots them when it is placed; each line also keeps the price it was chosen at,
// only to tell the shopper when it has moved since.
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
    // The variant's unit price (before vouchers) when the shopper last added to the line or set
    // its quantity; nullopt for lines stored before it was kept (they never show a change).
    std::optional<Cents> unit_price_cents = std::nullopt;
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

// {"items": [{product_id, variant_id, sku, options, name, unit_price, quantity, line_total,
// available, problem, available_quantity, price_changed, previous_unit_price}], "count",
// "total_price", "checkout_ready"} at the current prices of `products` (the variants' prices).
// Every line is shown, so the cart tells what checkout will say: a line that cannot be bought now
// has "available": false and its problem (see line_availability.hpp); name, sku, options,
// unit_price and line_total are null where its product or variant is gone. count and total_price
// cover the available lines only; checkout_ready is true when there is at least one line and
// every line is available. price_changed (never blocking) says the unit price differs from the
// one the line was chosen at, previous_unit_price being that one (else null).
Value cart_value(const Cart &cart, const std::vector<Product> &products);

// The sum of the line totals of the available lines, in cents: what cart_value() totals.
Cents cart_subtotal(const Cart &cart, const std::vector<Product> &products);

}  // namespace libstore
