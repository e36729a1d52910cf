#include "core/cart/cart_service.hpp"

#include <algorithm>

#include "core/cart/guest_cart_token.hpp"
#include "core/cart/line_availability.hpp"
#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/validation/object_reader.hpp"
#include "core/vouchers/cart_pricing.hpp"

namespace libstore {

namespace {

constexpr int kSaveAttempts = 8;

void require_product_id(const std::string &product_id) {
    require_object_id(product_id, "product");
}

void require_variant_id(const std::optional<std::string> &variant_id) {
    if (variant_id) {
        require_object_id(*variant_id, "variant");
    }
}

void check_line_quantity(std::int64_t quantity, const Product &product, const Variant &variant) {
    if (quantity > kMaxLineQuantity) {
        throw_conflict("quantity",
                       "a cart line holds at most " + std::to_string(kMaxLineQuantity) + " items");
    }
    if (quantity > variant.stock) {
        throw_conflict("quantity", "only " + std::to_string(variant.stock) + " of '" +
                                       product.name + "' in stock");
    }
}

// The variant a new or changed line is for: the one named, or the product's only one. Hidden
// products and switched-off variants are not found.
const Variant &variant_to_sell(const std::optional<Product> &product,
                               const std::optional<std::string> &variant_id) {
    if (!product || !is_publicly_visible(*product)) {
        throw_not_found("product not found");
    }
    const Variant *variant = nullptr;
    if (variant_id) {
        variant = find_variant(*product, *variant_id);
    } else if (product->variants.size() == 1) {
        variant = &product->variants.front();
    } else {
        throw_invalid("variant_id", "variant_id is required: the product has " +
                                        std::to_string(product->variants.size()) + " variants");
    }
    if (variant == nullptr || !variant->in_stock) {
        throw_not_found("variant not found");
    }
    return *variant;
}

// The variant of the cart's line of a product when none is named: its only line of it.
std::optional<std::string> line_variant(const Cart &cart, const std::string &product_id,
                                        const std::optional<std::string> &variant_id) {
    if (variant_id) {
        return variant_id;
    }
    std::optional<std::string> found;
    for (const auto &line : cart.lines) {
        if (line.product_id != product_id) {
            continue;
        }
        if (found) {
            throw_invalid("variant_id",
                          "variant_id is required: the cart holds several variants of it");
        }
        found = line.variant_id;
    }
    return found;
}

void erase_line(Cart &cart, const std::string &product_id, const std::string &variant_id) {
    auto &lines = cart.lines;
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const CartLine &line) {
                                   return line.product_id == product_id &&
                                          line.variant_id == variant_id;
                               }),
                lines.end());
}

// The products list with `product` in it (fresh), for rendering.
std::vector<Product> with_product(std::vector<Product> products, const Product &product) {
    for (auto &existing : products) {
        if (existing.id == product.id) {
            existing = product;
            return products;
        }
    }
    products.push_back(product);
    return products;
}

}  // namespace

std::string CartService::cart_key(const Session &session) {
    if (session.is_guest()) {
        if (guests_.clock == nullptr || guests_.tokens == nullptr ||
            !is_guest_cart_key(*session.guest_cart_key)) {
            throw_unauthenticated("guest carts are not available here");
        }
        return *session.guest_cart_key;
    }
    return authenticator_.recheck(session).user_id;
}

void CartService::forget_if_expired(Cart &cart) const {
    if (cart.expires_at_ms != 0 && guests_.clock != nullptr &&
        cart.expires_at_ms <= guests_.clock->now_ms()) {
        cart.lines.clear();
        cart.incarnation.clear();  // what is added now starts a new life of the cart
    }
}

CartSnapshot CartService::load(const std::string &key) {
    CartSnapshot snapshot = carts_.load(key);
    snapshot.cart.user_id = key;
    forget_if_expired(snapshot.cart);
    return snapshot;
}

bool CartService::save(Cart &cart) {
    if (is_guest_cart_key(cart.user_id)) {
        cart.expires_at_ms = guests_.clock->now_ms() + guests_.lifetime_ms;
        if (cart.incarnation.empty()) {
            cart.incarnation = guests_.tokens->generate();
        }
    }
    return carts_.save(cart);
}

void CartService::write_voucher(const std::string &key,
                                const std::optional<std::string> &voucher_id) {
    std::optional<GuestCartStamp> guest;
    if (is_guest_cart_key(key)) {
        guest = GuestCartStamp{guests_.clock->now_ms() + guests_.lifetime_ms,
                               guests_.tokens->generate()};
    }
    carts_.set_voucher(key, voucher_id, guest);
}

Value CartService::shown(const CartSnapshot &snapshot) const {
    if (guests_.clock == nullptr) {
        return cart_value(snapshot.cart, snapshot.line_products);
    }
    return priced_cart_value(snapshot.cart, snapshot.line_products, snapshot.voucher,
                             guests_.clock->now_ms());
}

Value CartService::view(const Session &session) {
    return shown(load(cart_key(session)));
}

template <typename Change>
Value CartService::change_line(const Session &session, const std::string &product_id,
                               Change &&change) {
    std::string key = cart_key(session);
    for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
        CartChangeContext context = carts_.load_with_product(key, product_id);
        Cart &cart = context.snapshot.cart;
        cart.user_id = key;
        forget_if_expired(cart);
        change(context.product, cart);
        if (save(cart)) {
            if (context.product) {
                context.snapshot.line_products =
                    with_product(std::move(context.snapshot.line_products), *context.product);
            }
            return shown(context.snapshot);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

Value CartService::add_item(const Session &session, const Value &body) {
    ObjectReader reader(body, {"product_id", "variant_id", "quantity"});
    const Value *id_value = reader.get("product_id");
    if (id_value == nullptr) {
        throw_invalid("product_id", "product_id is required");
    }
    if (!id_value->is_string()) {
        throw_invalid("product_id", "product_id must be a string");
    }
    std::string product_id = id_value->as_string();
    std::optional<std::string> variant_id = reader.optional_string("variant_id", {1, 64});
    std::int64_t quantity = reader.optional_integer("quantity", 1, kMaxLineQuantity).value_or(1);
    require_product_id(product_id);
    require_variant_id(variant_id);
    return change_line(session, product_id, [&](const std::optional<Product> &product, Cart &cart) {
        const Variant &variant = variant_to_sell(product, variant_id);
        CartLine *line = cart.find_line(product_id, variant.id);
        std::int64_t total = quantity + (line != nullptr ? line->quantity : 0);
        check_line_quantity(total, *product, variant);
        if (line != nullptr) {
            line->quantity = total;
            line->unit_price_cents = variant.price_cents;  // what the shopper sees as they add
        } else {
            cart.lines.push_back(CartLine{product_id, variant.id, total, variant.price_cents});
        }
    });
}

Value CartService::set_quantity(const Session &session, const std::string &product_id,
                                const std::optional<std::string> &variant_id, const Value &body) {
    ObjectReader reader(body, {"quantity"});
    std::int64_t quantity = reader.required_integer("quantity", 0, kMaxLineQuantity);
    require_product_id(product_id);
    require_variant_id(variant_id);
    if (quantity == 0) {
        return remove_line(session, product_id, variant_id);
    }
    return change_line(session, product_id, [&](const std::optional<Product> &product, Cart &cart) {
        const Variant &variant =
            variant_to_sell(product, line_variant(cart, product_id, variant_id));
        check_line_quantity(quantity, *product, variant);
        if (CartLine *line = cart.find_line(product_id, variant.id)) {
            line->quantity = quantity;
            line->unit_price_cents = variant.price_cents;
        } else {
            cart.lines.push_back(CartLine{product_id, variant.id, quantity, variant.price_cents});
        }
    });
}

Value CartService::remove_item(const Session &session, const std::string &product_id,
                               const std::optional<std::string> &variant_id) {
    require_product_id(product_id);
    require_variant_id(variant_id);
    return remove_line(session, product_id, variant_id);
}

Value CartService::remove_line(const Session &session, const std::string &product_id,
                               const std::optional<std::string> &variant_id) {
    std::string key = cart_key(session);
    // The product may be gone by now, so this reads the cart alone.
    for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
        CartSnapshot snapshot = load(key);
        auto line = line_variant(snapshot.cart, product_id, variant_id);
        if (!line || snapshot.cart.find_line(product_id, *line) == nullptr) {
            throw_not_found("that product is not in the cart");
        }
        erase_line(snapshot.cart, product_id, *line);
        if (save(snapshot.cart)) {
            return shown(snapshot);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

Value CartService::prune(const Session &session) {
    std::string key = cart_key(session);
    for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
        CartSnapshot snapshot = load(key);
        auto &lines = snapshot.cart.lines;
        auto kept = std::remove_if(lines.begin(), lines.end(), [&](const CartLine &line) {
            return !line_availability(line, snapshot.line_products).available();
        });
        if (kept == lines.end()) {
            return shown(snapshot);  // nothing to drop: nothing written
        }
        lines.erase(kept, lines.end());
        if (save(snapshot.cart)) {
            return shown(snapshot);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

Value CartService::clear(const Session &session) {
    std::string key = cart_key(session);
    carts_.clear(key);
    CartSnapshot empty;
    empty.cart.user_id = key;
    return shown(empty);
}

}  // namespace libstore
