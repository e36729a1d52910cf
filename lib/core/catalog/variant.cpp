#include "core/catalog/variant.hpp"

namespace libstore {

bool is_purchasable(const Variant &variant, bool product_in_stock) {
    return product_in_stock && variant.in_stock && variant.stock > 0;
}

std::string options_key(const VariantOptions &options) {
    std::string key;
    for (const auto &[name, value] : options) {
        if (!key.empty()) {
            key += ';';
        }
        // Names are [a-z0-9_] and values hold no control characters, so '=' and ';' only need
        // escaping inside values.
        key += name;
        key += '=';
        for (char c : value) {
            if (c == '\\' || c == ';') {
                key += '\\';
            }
            key += c;
        }
    }
    return key;
}

const std::string *option_value(const VariantOptions &options, const std::string &name) {
    for (const auto &[option, value] : options) {
        if (option == name) {
            return &value;
        }
    }
    return nullptr;
}

Value options_value(const std::vector<ProductOption> &options) {
    Value value = Value::object();
    for (const auto &option : options) {
        Value values = Value::array();
        for (const auto &text : option.values) {
            values.push_back(text);
        }
        value.set(option.name, std::move(values));
    }
    return value;
}

Value variant_value(const Variant &variant) {
    Value options = Value::object();
    for (const auto &[name, text] : variant.options) {
        options.set(name, text);
    }
    Value value = Value::object();
    value.set("id", variant.id)
        .set("sku", variant.sku ? Value(*variant.sku) : Value())
        .set("options", std::move(options))
        .set("price", money_value(variant.price_cents))
        .set("stock", variant.stock)
        .set("in_stock", variant.in_stock);
    return value;
}

}  // namespace libstore
