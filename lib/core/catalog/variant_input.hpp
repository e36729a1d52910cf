// Parsing and validation of options and variants (API.md "Products with variants"). The field
// rules live here; which combinations and SKUs are already taken is the service's and the
// repository's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/variant.hpp"
#include "core/value.hpp"

namespace libstore {

inline constexpr std::size_t kMaxOptions = 3;
inline constexpr std::size_t kMaxOptionValues = 50;
inline constexpr std::size_t kOptionValueMaxChars = 50;
inline constexpr std::size_t kSkuMaxChars = 64;
inline constexpr std::size_t kMaxVariants = kMaxOptionValues * kMaxOptionValues;

// {"size": ["S", "M"], ...}: names [a-z0-9_]{1,32}, at most 3 options of 1 to 50 distinct values
// (1-50 characters each). Errors name `field`.
std::vector<ProductOption> parse_product_options(const Value &value, const std::string &field);

// 1-64 of [A-Za-z0-9._-].
bool is_sku(const std::string &text);

// {name: value}: a value for every one of `options` and nothing else, each one of that option's
// values; returned in the product's option order.
VariantOptions parse_variant_options(const Value &value, const std::vector<ProductOption> &options,
                                     const std::string &field);

// {sku?, options, price?, stock, in_stock?}. `default_price` stands in for a missing price (none:
// the price is required). Errors name `prefix` + the member ("variants[2].stock").
Variant parse_new_variant(const Value &body, const std::vector<ProductOption> &options,
                          std::optional<Cents> default_price, const std::string &prefix = "");

struct VariantChanges {
    std::optional<std::optional<std::string>> sku;  // null clears it
    std::optional<VariantOptions> options;
    std::optional<Cents> price_cents;
    std::optional<std::int64_t> stock;
    std::optional<bool> in_stock;

    bool empty() const { return !sku && !options && !price_cents && !stock && !in_stock; }
};

// The fields of parse_new_variant(), all optional, at least one.
VariantChanges parse_variant_changes(const Value &body, const std::vector<ProductOption> &options);

// Refuses (Error(conflict)) two variants with one combination or one SKU (in any letter case).
void require_distinct_variants(const std::vector<Variant> &variants);

// Refuses (Error(conflict, "options")) options that leave a variant with a value or an option
// that is no longer offered.
void require_options_cover(const std::vector<ProductOption> &options,
                           const std::vector<Variant> &variants);

}  // namespace libstore
