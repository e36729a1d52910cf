// Parsing and validation of product input: new products and changes. The field rules of API.md
// for products live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/product.hpp"
#include "core/value.hpp"

namespace libstore {

inline constexpr std::size_t kProductNameMaxChars = 200;
inline constexpr std::size_t kProductDescriptionMaxChars = 5000;
inline constexpr std::size_t kImageUrlMaxChars = 2048;
inline constexpr std::size_t kSizeMaxChars = 20;
inline constexpr std::size_t kMaxSizes = 50;
inline constexpr std::size_t kMaxAttributes = 20;
inline constexpr std::size_t kAttributeValueMaxChars = 500;
// Far above any real shelf, and low enough that adding order quantities can never overflow.
inline constexpr std::int64_t kMaxStock = 1'000'000'000;

struct ProductChanges {
    std::optional<std::string> name;
    std::optional<std::string> name_key;  // set with name
    // Outer optional: field present; inner nullopt: null clears it.
    std::optional<std::optional<std::string>> description;
    std::optional<Cents> price_cents;
    std::optional<std::int64_t> stock;
    std::optional<bool> in_stock;
    std::optional<std::optional<std::string>> category_id;
    std::optional<std::optional<std::string>> image_url;
    std::optional<std::vector<std::string>> sizes;      // null clears: an empty list
    std::optional<ProductAttributes> attributes;        // null clears: no attributes
    std::optional<std::vector<ProductOption>> options;  // null clears: no options

    bool empty() const {
        return !name && !description && !price_cents && !stock && !in_stock && !category_id &&
               !image_url && !sizes && !attributes && !options;
    }
};

// Attribute keys are user-chosen and end up as data in queries: [a-z0-9_]{1,32} only.
bool is_attribute_key(std::string_view key);

// {name, price, stock, category_id?, description?, image_url?, sizes?, attributes?, in_stock?,
//  options?, variants?} -> a Product without ids and timestamps. Without `variants` the product
// gets one default variant of `price` and `stock`; with them `stock` is theirs (not given) and
// `price` only stands in for a variant's missing price. Throws Error(invalid_argument) naming the
// first bad or unknown field. Whether category_id names an existing category is the service's
// check.
Product parse_new_product(const Value &body);

// The same fields but `variants`, all optional, at least one. Whether price and stock may be
// changed (one variant only) and the options still cover the variants is the service's check.
ProductChanges parse_product_changes(const Value &body);

}  // namespace libstore
