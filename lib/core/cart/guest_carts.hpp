// Guest carts: a cart for a shopper who has not logged in, reached with a cart token instead of
// an access token, and merged into the user's cart at login or on request (CartMerge).
//
// Decisions (API.md "Guest carts"):
// - Creating a guest cart writes nothing: the token names a cart that appears with its first
//   change, so anonymous POST /carts cannot fill the database and needs no rate limit. A
//   well-formed token of no stored (or an expired) cart reads as an empty cart.
// - A token that is not a cart token's shape is refused: Error(unauthenticated) as a session
//   (the X-Cart-Token header), Error(invalid_argument, "cart_token") in a body.
// - Merging a token of no stored cart merges nothing and answers the user's cart.
// - Login with `cart_token`: its shape is checked with the rest of the body, before any password
//   work (400 naming cart_token); after a successful login the merge runs, and nothing it meets
//   (an expired cart, a conflict) makes the login fail.
#pragma once

#include <string>

#include "core/accounts/account_service.hpp"
#include "core/cart/cart_merge.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

class GuestCarts {
  public:
    GuestCarts(AccountService &accounts, OpaqueTokens &tokens, CartMerge &merge)
        : accounts_(accounts), tokens_(tokens), merge_(merge) {}

    // {"cart_token", "cart"}: a new guest cart's token and its (empty) cart. No round trip.
    Value create();
    // A guest session for `cart_token`, usable with every CartService call and refused by every
    // other one. No round trip.
    Session open_session(const std::string &cart_token);
    // Merges the guest cart of `cart_token` into the logged-in caller's -> the caller's cart.
    Value merge(const Session &session, const std::string &cart_token);
    // {cart_token} -> merge().
    Value merge_body(const Session &session, const Value &body);
    // AccountService::login() whose body may also carry `cart_token`, merged after the login.
    Value login(const Value &body);

  private:
    AccountService &accounts_;
    OpaqueTokens &tokens_;
    CartMerge &merge_;
};

}  // namespace libstore
