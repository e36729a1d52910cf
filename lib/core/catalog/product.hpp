// A product as the core sees it, its API form, and who may see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog/variant.hpp"
#include "core/money.hpp"
#include "core/value.hpp"

namespace libstore {

// Domain fields a shop adds to its products (a bookshop's author), in the order given.
using ProductAttributes = std::vector<std::pair<std::string, std::string>>;

// An image of the product, stored as a file of its own (ports/image_store.hpp).
struct ProductImage {
    std::string id;  // 24-hex ObjectId of the file
    std::string content_type;
};

struct Product {
    std::string id;  // 24-hex ObjectId; assigned by the repository on insert
    std::string name;
    std::string name_key;  // fold_case(name): the key of the name sort orders
    std::optional<std::string> description;
    // Derived from the variants (derive_totals()): the lowest price of the purchasable ones (a
    // "from" price; of all of them when none is) and the stock of those switched on.
    Cents price_cents = 0;
    std::int64_t stock = 0;
    bool in_stock = true;  // the shop's switch; stock 0 hides a product as well
    std::vector<ProductOption> options;
    std::vector<Variant> variants;  // at least one: a product without options has a default one
    // Bumped by every change of the options or of which variants exist, so such changes, read,
    // checked and written back, never overwrite each other.
    std::int64_t revision = 0;
    std::optional<std::string> category_id;
    std::optional<std::string> image_url;
    std::vector<std::string> sizes;
    ProductAttributes attributes;
    std::vector<ProductImage> images;  // upload order
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
};

// Sets price_cents and stock from the variants.
void derive_totals(Product &product);

// The variant with that id, or nullptr.
const Variant *find_variant(const Product &product, const std::string &variant_id);

// The product with that id among `products`, or nullptr.
const Product *find_product(const std::vector<Product> &products, const std::string &id);

// Shown in public listings and lookups: switched on and with something to sell. Hidden products
// are visible to admins only.
bool is_publicly_visible(const Product &product);

// {id, name, description, price, stock, in_stock, category_id, image_url, sizes, attributes,
//  options, variants, images, created_at, updated_at}; absent optional values are null, [] or
//  {}.
Value product_value(const Product &product);

// Where GET /images/{id} serves an image: "/images/<id>".
std::string image_url_path(const std::string &image_id);

// {id, url, content_type}
Value product_image_value(const ProductImage &image);

}  // namespace libstore
