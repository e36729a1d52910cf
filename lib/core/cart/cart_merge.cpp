#include "core/cart/cart_merge.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace libstore {

namespace {

constexpr int kMergeAttempts = 8;

bool recorded(const Cart &user, const std::string &incarnation) {
    const auto &merged = user.merged_guest_carts;
    return std::find(merged.begin(), merged.end(), incarnation) != merged.end();
}

// The products of both carts, for rendering the merged one.
std::vector<Product> both(std::vector<Product> user_products,
                          const std::vector<Product> &guest_products) {
    for (const auto &product : guest_products) {
        if (find_product(user_products, product.id) == nullptr) {
            user_products.push_back(product);
        }
    }
    return user_products;
}

}  // namespace

std::vector<CartLine> merged_lines(const Cart &user, const Cart &guest,
                                   const std::vector<Product> &guest_products) {
    Cart merged = user;
    for (const auto &line : guest.lines) {
        const Product *product = find_product(guest_products, line.product_id);
        if (product == nullptr || !is_publicly_visible(*product)) {
            continue;
        }
        const Variant *variant = find_variant(*product, line.variant_id);
        if (variant == nullptr || !variant->in_stock) {
            continue;
        }
        CartLine *mine = merged.find_line(line.product_id, line.variant_id);
        std::int64_t own = mine != nullptr ? mine->quantity : 0;
        std::int64_t cap = std::min(variant->stock, kMaxLineQuantity);
        std::int64_t quantity = std::max(own, std::min(own + line.quantity, cap));
        if (quantity <= 0) {
            continue;
        }
        if (mine != nullptr) {
            mine->quantity = quantity;
        } else {
            // The guest chose it at that price: a change since shows after the merge too.
            merged.lines.push_back(
                CartLine{line.product_id, line.variant_id, quantity, line.unit_price_cents});
        }
    }
    return merged.lines;
}

void merge_cart_extras(const Cart &guest, Cart &user) {
    if (!user.voucher_id) {
        user.voucher_id = guest.voucher_id;
    }
}

Value CartMerge::merge(const Session &user, const std::string &guest_key) {
    if (user.is_guest()) {
        throw_unauthenticated("merging a guest cart needs a logged-in user");
    }
    std::string user_key = ports_.cart_service.cart_key(user);
    for (int attempt = 0; attempt < kMergeAttempts; ++attempt) {
        CartSnapshot guest = ports_.carts.load(guest_key);
        // Kept from before the expiry check: an expired cart is deleted by its incarnation too.
        std::string incarnation = guest.cart.incarnation;
        ports_.cart_service.forget_if_expired(guest.cart);
        CartSnapshot mine = ports_.carts.load(user_key);
        mine.cart.user_id = user_key;
        bool nothing_to_add = guest.cart.lines.empty() || recorded(mine.cart, incarnation);
        if (nothing_to_add) {
            if (guest.cart.version != 0) {
                ports_.database.run_all_or_nothing([&](UnitOfWork &work) {
                    ports_.carts.remove_guest(work, guest_key, incarnation);
                });
            }
            return ports_.cart_service.shown(mine);
        }
        if (mine.cart.version == 0) {
            // The conditional update needs a document to apply to: make the user's (empty) cart.
            ports_.carts.save(mine.cart);
            continue;
        }
        Cart merged = mine.cart;
        merged.lines = merged_lines(mine.cart, guest.cart, guest.line_products);
        merge_cart_extras(guest.cart, merged);
        bool saved = false;
        ports_.database.run_all_or_nothing([&](UnitOfWork &work) {
            saved = ports_.carts.save_merged(work, merged, incarnation);
            if (!saved) {
                return;  // the user's cart moved on: read both again
            }
            step(MergeStep::user_cart_saved);
            ports_.carts.remove_guest(work, guest_key, incarnation);
            step(MergeStep::guest_cart_removed);
        });
        if (saved) {
            CartSnapshot shown;
            shown.cart = merged;
            shown.line_products = both(std::move(mine.line_products), guest.line_products);
            shown.voucher = mine.cart.voucher_id ? mine.voucher : guest.voucher;
            return ports_.cart_service.shown(shown);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

}  // namespace libstore
