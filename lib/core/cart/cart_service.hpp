// The cart of an authenticated, active user: view, add (merging lines), set a quantity, remove,
// clear. Quantities are 1-1000 per line and never more than the product's stock; hidden or
// deleted products cannot be added.
#pragma once

#include "core/accounts/authenticator.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/value.hpp"

namespace libstore {

class CartService {
  public:
    CartService(CartRepository &carts, Authenticator &authenticator)
        : carts_(carts), authenticator_(authenticator) {}

    Value view(const Session &session);
    // {product_id, quantity?=1}: adds to the line of that product, creating it if needed.
    Value add_item(const Session &session, const Value &body);
    // {quantity}: sets the line's quantity; 0 removes the line.
    Value set_quantity(const Session &session, const std::string &product_id, const Value &body);
    Value remove_item(const Session &session, const std::string &product_id);
    Value clear(const Session &session);

  private:
    // Applies `change` to a freshly read cart and saves it, re-reading when a concurrent change
    // got in first.
    template <typename Change>
    Value change_line(const Session &session, const std::string &product_id, Change &&change);

    CartRepository &carts_;
    Authenticator &authenticator_;
};

}  // namespace libstore
