// Variants: what a shopper actually buys (a T-shirt in M), each with its own SKU, price and
// stock, and the product-level figures derived from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/money.hpp"
#include "core/value.hpp"

namespace libstore {

// Option name -> value of one variant, in the product's option order.
using VariantOptions = std::vector<std::pair<std::string, std::string>>;

// An axis a product varies along ("size": S, M, L), its values in the shop's order.
struct ProductOption {
    std::string name;
    std::vector<std::string> values;
};

struct Variant {
    std::string id;  // 24-hex ObjectId; assigned by the repository when empty
    std::optional<std::string> sku;
    VariantOptions options;  // {} for a product's default variant
    Cents price_cents = 0;
    std::int64_t stock = 0;
    bool in_stock = true;  // the variant's own switch
};

// A variant can be bought when it has stock and both it and its product are switched on.
bool is_purchasable(const Variant &variant, bool product_in_stock);

// "color=red;size=M": one variant per combination, compared by this key; "" for no options.
std::string options_key(const VariantOptions &options);

// The option value a variant has for `name`, or nullptr.
const std::string *option_value(const VariantOptions &options, const std::string &name);

// {"size": ["S", "M"], ...}
Value options_value(const std::vector<ProductOption> &options);
// {id, sku, options: {name: value}, price, stock, in_stock}
Value variant_value(const Variant &variant);

}  // namespace libstore
