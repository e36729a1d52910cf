#include "core/cart/line_availability.hpp"

namespace libstore {

LineAvailability line_availability(const CartLine &line, const std::vector<Product> &products) {
    LineAvailability availability;
    availability.product = find_product(products, line.product_id);
    if (availability.product != nullptr) {
        availability.variant = find_variant(*availability.product, line.variant_id);
    }
    const Variant *variant = availability.variant;
    if (variant == nullptr) {
        availability.product = nullptr;
        availability.problem = LineProblem::deleted;
    } else if (!availability.product->in_stock || !variant->in_stock) {
        availability.problem = LineProblem::hidden;
    } else if (variant->stock <= 0) {
        availability.problem = LineProblem::out_of_stock;
    } else if (variant->stock < line.quantity) {
        availability.problem = LineProblem::short_of_stock;
        availability.available_quantity = variant->stock;
    }
    return availability;
}

const char *line_problem_name(LineProblem problem) {
    switch (problem) {
        case LineProblem::none:
            return nullptr;
        case LineProblem::deleted:
            return "deleted";
        case LineProblem::hidden:
            return "hidden";
        case LineProblem::out_of_stock:
            return "out_of_stock";
        case LineProblem::short_of_stock:
            return "short";
    }
    return nullptr;
}

Value line_problem_value(const CartLine &line, const LineAvailability &availability) {
    bool counted = availability.problem == LineProblem::out_of_stock ||
                   availability.problem == LineProblem::short_of_stock;
    const char *name = line_problem_name(availability.problem);
    Value value = Value::object();
    value.set("product_id", line.product_id)
        .set("variant_id", line.variant_id)
        .set("problem", name != nullptr ? Value(name) : Value())
        .set("available_quantity", counted ? Value(availability.available_quantity) : Value());
    return value;
}

}  // namespace libstore
