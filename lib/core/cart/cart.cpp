#include "core/cart/cart.hpp"

#include "core/money.hpp"

namespace libstore {

CartLine *Cart::find_line(const std::string &product_id) {
    for (auto &line : lines) {
        if (line.product_id == product_id) {
            return &line;
        }
    }
    return nullptr;
}

Value cart_value(const Cart &cart, const std::vector<Product> &products) {
    Value::Array items;
    std::int64_t count = 0;
    Cents total = 0;
    for (const auto &line : cart.lines) {
        const Product *product = nullptr;
        for (const auto &candidate : products) {
            if (candidate.id == line.product_id) {
                product = &candidate;
                break;
            }
        }
        if (product == nullptr) {
            continue;  // deleted since it was added; checkout will name it
        }
        Cents line_total = product->price_cents * line.quantity;
        Value item = Value::object();
        item.set("product_id", line.product_id)
            .set("name", product->name)
            .set("unit_price", money_value(product->price_cents))
            .set("quantity", line.quantity)
            .set("line_total", money_value(line_total));
        items.push_back(std::move(item));
        count += line.quantity;
        total += line_total;
    }
    Value value = Value::object();
    value.set("items", Value(std::move(items)))
        .set("count", count)
        .set("total_price", money_value(total));
    return value;
}

}  // namespace libstore
