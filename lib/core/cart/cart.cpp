#include "core/cart/cart.hpp"

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
        for (const auto &product : products) {
            if (product.id == line.product_id) {
                if (const Variant *variant = find_variant(product, line.variant_id)) {
                    subtotal += variant->price_cents * line.quantity;
                }
                break;
            }
        }
    }
    return subtotal;
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
        const Variant *variant =
            product != nullptr ? find_variant(*product, line.variant_id) : nullptr;
        if (variant == nullptr) {
            continue;  // deleted since it was added; checkout will name it
        }
        Cents line_total = variant->price_cents * line.quantity;
        Value options = variant_value(*variant);
        Value item = Value::object();
        item.set("product_id", line.product_id)
            .set("variant_id", line.variant_id)
            .set("sku", *options.find("sku"))
            .set("options", *options.find("options"))
            .set("name", product->name)
            .set("unit_price", money_value(variant->price_cents))
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
