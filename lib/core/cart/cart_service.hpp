// The cart of an authenticated, active user: view, add (merging lines), set a quantity, remove,
// clear, prune. A line is one variant of a product. Quantities are 1-1000 per line and never more
// than the variant's stock; hidden or deleted products and variants cannot be added. Adding to a
// line or setting its quantity records the unit price the shopper saw then (see CartLine).
//
// A guest's session (GuestCarts::open_session) reaches its guest cart under the same rules; a
// guest cart's every change pushes its expiry `lifetime` ahead, and an expired one reads as
// empty even before the database's TTL sweep drops it.
#pragma once

#include <optional>
#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/value.hpp"

namespace libstore {

// What guest carts need beyond users' ones: the time (for expiry), a source of incarnation
// names, and how long an idle guest cart lives. Without them guest sessions are refused.
struct GuestCartPolicy {
    Clock *clock = nullptr;
    OpaqueTokens *tokens = nullptr;
    std::int64_t lifetime_ms = 30LL * 24 * 3600 * 1000;
};

class CartService {
  public:
    // The clock of `guests` also prices carts with their voucher (subtotal, voucher, discount);
    // without one, carts are shown as in v1.
    CartService(CartRepository &carts, Authenticator &authenticator, GuestCartPolicy guests = {})
        : carts_(carts), authenticator_(authenticator), guests_(guests) {}

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
    // Drops every line that cannot be bought now (deleted, hidden, out of stock, or short of
    // stock: see line_availability.hpp), leaving a cart checkout accepts, or an empty one. A
    // short line goes whole: how many of what is left to take is the shopper's choice. Writes
    // nothing when every line is available.
    Value prune(const Session &session);

    // The key of the caller's cart: a guest's cart key as it is, else the user's id after the
    // Authenticator's recheck (which refuses revoked tokens and inactive users).
    std::string cart_key(const Session &session);
    // A guest cart whose expiry has passed as the empty cart it is about to become.
    void forget_if_expired(Cart &cart) const;
    // The cart `key` as it is now (a guest cart past its expiry reads empty).
    CartSnapshot load(const std::string &key);
    // Puts the voucher on the cart `key` or takes it off (nullopt); a guest cart's expiry moves
    // on as with every change. One round trip.
    void write_voucher(const std::string &key, const std::optional<std::string> &voucher_id);
    // The cart shown to callers: priced with its voucher when the service has a clock.
    Value shown(const CartSnapshot &snapshot) const;

  private:
    // Applies `change` to a freshly read cart and saves it, re-reading when a concurrent change
    // got in first.
    template <typename Change>
    Value change_line(const Session &session, const std::string &product_id, Change &&change);
    Value remove_line(const Session &session, const std::string &product_id,
                      const std::optional<std::string> &variant_id);

    // carts_.save(), stamping a guest cart's expiry (and, for a new one, its incarnation).
    bool save(Cart &cart);

    CartRepository &carts_;
    Authenticator &authenticator_;
    GuestCartPolicy guests_;
};

}  // namespace libstore
