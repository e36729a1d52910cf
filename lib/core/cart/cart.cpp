#include "core/cart/cart.hpp"

#include "core/cart/line_availability.hpp"
#include "core/money.hpp"

namespace libstore {

CartLine *Cart::find_line(const std::string &product_id, const std::string &variant_id) {
    for (auto &line : lines) {
        if (line.product_id == product_id && line.variant_id == variant_id) {
            return &line;
        }
    }
    return nullptr;
}

Cents cart_subtotal(const Cart &cart, const std::vector<Product> &products) {
    Cents subtotal = 0;
    for (const auto &line : cart.lines) {
        LineAvailability availability = line_availability(line, products);
        if (availability.available()) {
            subtotal += availability.variant->price_cents * line.quantity;
        }
    }
    return subtotal;
}

namespace {

// One line as the cart shows it. A deleted line keeps only what the cart itself knows.
Value line_value(const CartLine &line, const LineAvailability &availability) {
    const Variant *variant = availability.variant;
    Value sku, options, name, unit_price, line_total;
    bool price_changed = false;
    if (variant != nullptr) {
        Value shown = variant_value(*variant);
        sku = *shown.find("sku");
        options = *shown.find("options");
        name = availability.product->name;
        unit_price = money_value(variant->price_cents);
        line_total = money_value(variant->price_cents * line.quantity);
        price_changed = line.unit_price_cents && *line.unit_price_cents != variant->price_cents;
    }
    // The same problem and available_quantity a refused checkout's details give.
    Value problem = line_problem_value(line, availability);
    Value item = Value::object();
    item.set("product_id", line.product_id)
        .set("variant_id", line.variant_id)
        .set("sku", std::move(sku))
        .set("options", std::move(options))
        .set("name", std::move(name))
        .set("unit_price", std::move(unit_price))
        .set("quantity", line.quantity)
        .set("line_total", std::move(line_total))
        .set("available", availability.available())
        .set("problem", *problem.find("problem"))
        .set("available_quantity", *problem.find("available_quantity"))
        .set("price_changed", price_changed)
        .set("previous_unit_price", price_changed ? money_value(*line.unit_price_cents) : Value());
    return item;
}

}  // namespace

Value cart_value(const Cart &cart, const std::vector<Product> &products) {
    Value::Array items;
    std::int64_t count = 0;
    Cents total = 0;
    bool ready = !cart.lines.empty();
    for (const auto &line : cart.lines) {
        LineAvailability availability = line_availability(line, products);
        items.push_back(line_value(line, availability));
        if (availability.available()) {
            count += line.quantity;
            total += availability.variant->price_cents * line.quantity;
        } else {
            ready = false;
        }
    }
    Value value = Value::object();
    value.set("items", Value(std::move(items)))
        .set("count", count)
        .set("total_price", money_value(total))
        .set("checkout_ready", ready);
    return value;
}

}  // namespace libstore
