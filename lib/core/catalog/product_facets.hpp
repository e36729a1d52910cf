// The facets of a product listing (GET /products/facets): how many of the products matching a
// listing's filters fall in each category, carry each option value and attribute value, and the
// range of their prices, so a storefront can show its filters with counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/money.hpp"
#include "core/value.hpp"

namespace libstore {

struct CategoryFacet {
    std::string id;
    std::optional<std::string> name;  // nullopt when the category has gone meanwhile
    std::int64_t count = 0;
};

struct ValueCount {
    std::string value;
    std::int64_t count = 0;
};

// One option name or attribute key and the counts of its values.
using ValueCounts = std::vector<std::pair<std::string, std::vector<ValueCount>>>;

// Every count is a number of products. A product counts once under a category (its own), once
// under each of its attribute values, and once under each option value that one of its
// purchasable variants (in_stock and stock > 0) has.
struct ProductFacets {
    std::int64_t total = 0;
    std::vector<CategoryFacet> categories;  // products without a category are in none
    ValueCounts options;
    ValueCounts attributes;
    std::optional<Cents> min_price_cents;  // over the products' "from" prices; nullopt if total 0
    std::optional<Cents> max_price_cents;
};

// Puts every list in its documented order: categories by name (case-insensitively, then id),
// option names and attribute keys by name, values by value (byte order of their UTF-8), so the
// same catalog always gives the same answer whatever order the database counted in.
void sort_product_facets(ProductFacets &facets);

// {"total", "categories": [{id, name, count}], "options": {name: [{value, count}]},
//  "attributes": {key: [{value, count}]}, "price": {"min", "max"}} with prices as money (null
// when there are no products), lists in the order they are in.
Value product_facets_value(const ProductFacets &facets);

}  // namespace libstore
