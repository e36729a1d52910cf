#include "core/cart/cart_service.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

constexpr int kSaveAttempts = 8;

void require_product_id(const std::string &product_id) {
    require_object_id(product_id, "product");
}

void check_line_quantity(std::int64_t quantity, const Product &product) {
    if (quantity > kMaxLineQuantity) {
        throw_conflict("quantity",
                       "a cart line holds at most " + std::to_string(kMaxLineQuantity) + " items");
    }
    if (quantity > product.stock) {
        throw_conflict("quantity", "only " + std::to_string(product.stock) + " of '" +
                                       product.name + "' in stock");
    }
}

void remove_line(Cart &cart, const std::string &product_id) {
    auto &lines = cart.lines;
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const CartLine &line) { return line.product_id == product_id; }),
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

Value CartService::view(const Session &session) {
    Session caller = authenticator_.recheck(session);
    CartSnapshot snapshot = carts_.load(caller.user_id);
    return cart_value(snapshot.cart, snapshot.line_products);
}

template <typename Change>
Value CartService::change_line(const Session &session, const std::string &product_id,
                               Change &&change) {
    Session caller = authenticator_.recheck(session);
    for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
        CartChangeContext context = carts_.load_with_product(caller.user_id, product_id);
        Cart &cart = context.snapshot.cart;
        cart.user_id = caller.user_id;
        change(context.product, cart);
        if (carts_.save(cart)) {
            auto products =
                context.product
                    ? with_product(std::move(context.snapshot.line_products), *context.product)
                    : std::move(context.snapshot.line_products);
            return cart_value(cart, products);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

Value CartService::add_item(const Session &session, const Value &body) {
    ObjectReader reader(body, {"product_id", "quantity"});
    const Value *id_value = reader.get("product_id");
    if (id_value == nullptr) {
        throw_invalid("product_id", "product_id is required");
    }
    if (!id_value->is_string()) {
        throw_invalid("product_id", "product_id must be a string");
    }
    std::string product_id = id_value->as_string();
    std::int64_t quantity = reader.optional_integer("quantity", 1, kMaxLineQuantity).value_or(1);
    require_product_id(product_id);
    return change_line(session, product_id, [&](const std::optional<Product> &product, Cart &cart) {
        if (!product || !is_publicly_visible(*product)) {
            throw_not_found("product not found");
        }
        CartLine *line = cart.find_line(product_id);
        std::int64_t total = quantity + (line != nullptr ? line->quantity : 0);
        check_line_quantity(total, *product);
        if (line != nullptr) {
            line->quantity = total;
        } else {
            cart.lines.push_back(CartLine{product_id, total});
        }
    });
}

Value CartService::set_quantity(const Session &session, const std::string &product_id,
                                const Value &body) {
    ObjectReader reader(body, {"quantity"});
    std::int64_t quantity = reader.required_integer("quantity", 0, kMaxLineQuantity);
    require_product_id(product_id);
    if (quantity == 0) {
        return remove_item(session, product_id);
    }
    return change_line(session, product_id, [&](const std::optional<Product> &product, Cart &cart) {
        if (!product || !is_publicly_visible(*product)) {
            throw_not_found("product not found");
        }
        check_line_quantity(quantity, *product);
        if (CartLine *line = cart.find_line(product_id)) {
            line->quantity = quantity;
        } else {
            cart.lines.push_back(CartLine{product_id, quantity});
        }
    });
}

Value CartService::remove_item(const Session &session, const std::string &product_id) {
    require_product_id(product_id);
    Session caller = authenticator_.recheck(session);
    // The product may be gone by now, so this reads the cart alone.
    for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
        CartSnapshot snapshot = carts_.load(caller.user_id);
        snapshot.cart.user_id = caller.user_id;
        if (snapshot.cart.find_line(product_id) == nullptr) {
            throw_not_found("that product is not in the cart");
        }
        remove_line(snapshot.cart, product_id);
        if (carts_.save(snapshot.cart)) {
            return cart_value(snapshot.cart, snapshot.line_products);
        }
    }
    throw_conflict("", "the cart is being changed concurrently; try again");
}

Value CartService::clear(const Session &session) {
    Session caller = authenticator_.recheck(session);
    carts_.clear(caller.user_id);
    return cart_value(Cart{caller.user_id, {}, 0}, {});
}

}  // namespace libstore
