// Port: where carts are kept (one document per user, keyed by the user's id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cart/cart.hpp"
#include "core/catalog/product.hpp"

namespace libstore {

// A cart with the current state of the products on its lines.
struct CartSnapshot {
    Cart cart;
    std::vector<Product> line_products;
};

// What a change to one cart line needs: that product, the cart and its products, read together.
struct CartChangeContext {
    std::optional<Product> product;  // nullopt when there is no such product
    CartSnapshot snapshot;           // only filled when the product exists
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
    // Empties the cart and returns the lines it had, in one atomic step (checkout).
    virtual std::vector<CartLine> take_all(const std::string &user_id) = 0;
    // Puts lines back (a checkout that did not go through).
    virtual void restore(const std::string &user_id, const std::vector<CartLine> &lines) = 0;
    virtual void clear(const std::string &user_id) = 0;
};

}  // namespace libstore
