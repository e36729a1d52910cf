// Parsing of product list queries (GET /products?...) and the cursors of their pages. Values
// arrive as strings from a URL and as numbers or booleans from C and Python; both are accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/catalog/product.hpp"
#include "core/money.hpp"
#include "core/page_cursor.hpp"
#include "core/value.hpp"

namespace libstore {

enum class ProductSortKey { name, price, created_at };

struct ProductSort {
    ProductSortKey key = ProductSortKey::name;
    bool descending = false;
};

// Where the previous page ended: the sort key of its last product and that product's id, which
// breaks ties. Only the member matching the sort key is meaningful.
struct ProductPosition {
    std::string name_key;
    std::int64_t number = 0;  // price in cents, or created_at in ms
    std::string id;
};

struct ProductQuery {
    std::optional<std::string> category_id;
    std::optional<std::string> text;  // plain text, matched case-insensitively in name/description
    std::optional<Cents> min_price_cents;
    std::optional<Cents> max_price_cents;
    std::optional<std::string> size;
    ProductAttributes attributes;  // every pair must match
    bool include_hidden = false;   // as asked; the service decides whether the caller may
    ProductSort sort;
    std::int64_t limit = kDefaultPageLimit;
    std::optional<ProductPosition> after;
};

// {category?, q?, min_price?, max_price?, size?, sort?, limit?, cursor?, include_hidden?,
//  attr.<key>?...}. Throws Error(invalid_argument) naming the first bad or unknown parameter.
ProductQuery parse_product_query(const Value &query);

// The cursor of a page sorted by `sort` that ends with `last`.
std::string product_cursor(const ProductSort &sort, const Product &last);

}  // namespace libstore
