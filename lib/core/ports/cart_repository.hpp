// Port: where carts are kept (one document per user, keyed by the user's id, and one per guest
// cart, keyed by its guest cart key; see core/cart/guest_cart_token.hpp). Every `user_id` below
// is such a cart key. Guest carts keep their expiry (for a TTL) and incarnation; users' carts
// the incarnations merged into them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cart/cart.hpp"
#include "core/catalog/product.hpp"
#include "core/ports/unit_of_work.hpp"
#include "core/vouchers/voucher.hpp"

namespace libstore {

// A cart with the current state of the products on its lines.
struct CartSnapshot {
    Cart cart;
    std::vector<Product> line_products;
    // The voucher cart.voucher_id names, read in the same round trip; nullopt when it is gone.
    std::optional<Voucher> voucher;
};

// What a change to one cart line needs: that product, the cart and its products, read together.
struct CartChangeContext {
    std::optional<Product> product;  // nullopt when there is no such product
    CartSnapshot snapshot;           // only filled when the product exists
};

// A checkout's claim on a cart: the Idempotency-Key it was placed with, and when.
struct CheckoutMark {
    std::optional<std::string> idempotency_key;
    std::int64_t at_ms = 0;
};

// What taking a cart for checkout found: its lines, or — when it was empty — the mark the last
// checkout that emptied it left (so a retry racing its own first attempt can tell).
struct TakenCart {
    std::vector<CartLine> lines;
    std::optional<CheckoutMark> last_checkout;
    // The voucher that was on the cart, taken off it with the lines.
    std::optional<std::string> voucher_id;
};

// What a write to a guest cart stamps on it besides its change: its new expiry, and the
// incarnation it takes if the write creates it.
struct GuestCartStamp {
    std::int64_t expires_at_ms = 0;
    std::string incarnation_if_new;
};

class CartRepository {
  public:
    virtual ~CartRepository() = default;

    // The user's cart (empty, version 0, when there is none) and its products. One round trip.
    virtual CartSnapshot load(const std::string &user_id) = 0;
    // The product, the user's cart and its products, in one round trip.
    virtual CartChangeContext load_with_product(const std::string &user_id,
                                                const std::string &product_id) = 0;
    // Writes cart.lines if the stored cart is still at cart.version (creating it at version 0).
    // False when someone changed it meanwhile: re-read and try again.
    virtual bool save(const Cart &cart) = 0;
    // Empties a cart that has lines and returns them, leaving `checkout` on it, in one atomic
    // step. An empty (or absent) cart is left as it is; its last checkout mark comes back.
    virtual TakenCart take_for_checkout(UnitOfWork &work, const std::string &user_id,
                                        const CheckoutMark &checkout) = 0;
    // Puts lines back (a checkout that did not go through).
    virtual void restore(UnitOfWork &work, const std::string &user_id,
                         const std::vector<CartLine> &lines) = 0;
    // Empties the cart and takes its voucher off.
    virtual void clear(const std::string &user_id) = 0;

    // Guest-cart merges (CartMerge). Writes the user's cart.lines if the stored cart (it must
    // exist: version > 0) is still at cart.version and `incarnation` is not yet among the guest
    // carts merged into it, recording it there, in one conditional write. False when either
    // check failed: re-read.
    virtual bool save_merged(UnitOfWork &work, const Cart &cart,
                             const std::string &incarnation) = 0;
    // Deletes the guest cart `guest_key` if it is still that incarnation.
    virtual void remove_guest(UnitOfWork &work, const std::string &guest_key,
                              const std::string &incarnation) = 0;
    // Puts a voucher on the cart `cart_key` (creating the cart), or takes it off (nullopt);
    // a guest cart also gets `guest` stamped on it. One round trip.
    virtual void set_voucher(const std::string &cart_key,
                             const std::optional<std::string> &voucher_id,
                             const std::optional<GuestCartStamp> &guest) = 0;
    // Puts back the voucher a checkout that did not go through took off the cart.
    virtual void restore_voucher(UnitOfWork &work, const std::string &user_id,
                                 const std::string &voucher_id) = 0;
    // Takes a deleted voucher off every cart holding it.
    virtual void release_voucher(const std::string &voucher_id) = 0;
};

}  // namespace libstore
