// The cart of an authenticated, active user: view, add (merging lines), set a quantity, remove,
// clear. A line is one variant of a product. Quantities are 1-1000 per line and never more than
// the variant's stock; hidden or deleted products and variants cannot be added.
#pragma once

#include <optional>
#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/value.hpp"

namespace libstore {

class CartService {
  public:
    CartService(CartRepository &carts, Authenticator &authenticator)
        : carts_(carts), authenticator_(authenticator) {}
    // With a clock, carts are shown priced with their voucher (subtotal, voucher, discount).
    CartService(CartRepository &carts, Authenticator &authenticator, Clock &clock)
        : carts_(carts), authenticator_(authenticator), clock_(&clock) {}

    Value view(const Session &session);
    // {product_id, variant_id?, quantity?=1}: adds to the line of that variant, creating it if
    // needed. variant_id may be left out when the product has one variant.
    Value add_item(const Session &session, const Value &body);
    // {quantity}: sets the line's quantity; 0 removes the line. Without `variant_id` the line
    // is the cart's only line of that product (or, for a new line, the product's only variant).
    Value set_quantity(const Session &session, const std::string &product_id,
                       const std::optional<std::string> &variant_id, const Value &body);
    Value remove_item(const Session &session, const std::string &product_id,
                      const std::optional<std::string> &variant_id);
    Value clear(const Session &session);

  private:
    // Applies `change` to a freshly read cart and saves it, re-reading when a concurrent change
    // got in first.
    template <typename Change>
    Value change_line(const Session &session, const std::string &product_id, Change &&change);
    Value remove_line(const Session &session, const std::string &product_id,
                      const std::optional<std::string> &variant_id);

    Value shown(const CartSnapshot &snapshot) const;

    CartRepository &carts_;
    Authenticator &authenticator_;
    Clock *clock_ = nullptr;
};

}  // namespace libstore
