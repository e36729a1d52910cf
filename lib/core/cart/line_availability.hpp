// Whether a cart line can be bought right now, and if not why: the one judgement the cart view,
// pruning and checkout share, so the cart never promises what checkout then refuses.
#pragma once

#include <cstdint>
#include <vector>

#include "core/cart/cart.hpp"
#include "core/catalog/product.hpp"
#include "core/value.hpp"

namespace libstore {

enum class LineProblem {
    none,
    deleted,         // the product or the variant no longer exists
    hidden,          // the product or the variant is switched off (in_stock false)
    out_of_stock,    // the variant's stock is 0
    short_of_stock,  // the variant has stock, fewer than the line's quantity
};

struct LineAvailability {
    const Product *product = nullptr;  // null when deleted
    const Variant *variant = nullptr;  // null when deleted
    LineProblem problem = LineProblem::none;
    // The variant's stock, for out_of_stock and short_of_stock lines; 0 otherwise.
    std::int64_t available_quantity = 0;

    bool available() const { return problem == LineProblem::none; }
};

// The line judged against `products` (the cart's line products, as read with it). The first
// problem found, in the order of the enum: a hidden product out of stock is hidden.
LineAvailability line_availability(const CartLine &line, const std::vector<Product> &products);

// The API's name of a problem: "deleted", "hidden", "out_of_stock", "short"; nullptr for none.
const char *line_problem_name(LineProblem problem);

// {product_id, variant_id, problem, available_quantity}: one entry of the details of a checkout
// refused for its lines. available_quantity is null for deleted and hidden lines.
Value line_problem_value(const CartLine &line, const LineAvailability &availability);

}  // namespace libstore
