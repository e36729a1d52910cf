// Port: where products are kept. Ids are 24-hex ObjectId strings the caller has already
// checked (core/object_id.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/product.hpp"
#include "core/catalog/product_facets.hpp"
#include "core/catalog/product_input.hpp"
#include "core/catalog/product_query.hpp"
#include "core/catalog/variant_input.hpp"

namespace libstore {

class ProductRepository {
  public:
    virtual ~ProductRepository() = default;

    // Stores a new product (its id and its variants' ids are ignored) carrying `audit_mark` (see
    // ports/audit_repository.hpp) and returns it with the ids given to it. Error(conflict, "sku")
    // when another product has one of its SKUs (in any letter case).
    virtual Product insert(const Product &product, const std::string &audit_mark) = 0;

    virtual std::optional<Product> find(const std::string &id) = 0;

    // Sets only the fields present in `changes` (and updated_at and `audit_mark`) in one atomic
    // step, so stock taken by concurrent orders is not overwritten unless `changes` sets the
    // stock; a price or stock goes to the product's variants (the caller checked there is one).
    // With `expected_revision` it applies only to the product at that revision, and bumps it.
    // The product as it is afterwards, or nullopt when there is none with that id (at that
    // revision). Every write below also rewrites the derived price and stock.
    virtual std::optional<Product> update(const std::string &id, const ProductChanges &changes,
                                          std::int64_t updated_at_ms, const std::string &audit_mark,
                                          std::optional<std::int64_t> expected_revision) = 0;

    // Variants: each applies only to the product at `expected_revision` and bumps it; the
    // product afterwards, or nullopt when it is gone or at another revision. A SKU another
    // product has is Error(conflict, "sku"). add_variant assigns the variant's id.
    virtual std::optional<Product> add_variant(const std::string &product_id,
                                               const Variant &variant,
                                               std::int64_t expected_revision,
                                               std::int64_t updated_at_ms,
                                               const std::string &audit_mark) = 0;
    virtual std::optional<Product> update_variant(const std::string &product_id,
                                                  const std::string &variant_id,
                                                  const VariantChanges &changes,
                                                  std::int64_t expected_revision,
                                                  std::int64_t updated_at_ms,
                                                  const std::string &audit_mark) = 0;
    virtual std::optional<Product> remove_variant(const std::string &product_id,
                                                  const std::string &variant_id,
                                                  std::int64_t expected_revision,
                                                  std::int64_t updated_at_ms,
                                                  const std::string &audit_mark) = 0;

    // Removes the product in one step and returns it as it was (its images say which files to
    // delete next); nullopt when there was none with that id.
    virtual std::optional<Product> take(const std::string &id) = 0;

    // Appends `image` to the product's images (with updated_at and `audit_mark`) in one
    // conditional update. The product afterwards, or nullopt when there is none with that id.
    virtual std::optional<Product> add_image(const std::string &product_id,
                                             const ProductImage &image, std::int64_t updated_at_ms,
                                             const std::string &audit_mark) = 0;

    // Removes the image from the product's images in one conditional update. The product
    // afterwards, or nullopt when no product with that id lists that image.
    virtual std::optional<Product> remove_image(const std::string &product_id,
                                                const std::string &image_id,
                                                std::int64_t updated_at_ms,
                                                const std::string &audit_mark) = 0;

    // Those of `image_ids` that some product lists. One round trip.
    virtual std::vector<std::string> listed_images(const std::vector<std::string> &image_ids) = 0;

    // Whether any product refers to the category.
    virtual bool any_in_category(const std::string &category_id) = 0;

    // Up to `fetch_limit` products matching every filter of `query`, in query.sort order with
    // the id as tie-break (in the same direction), strictly after query.after. Without
    // query.include_hidden only publicly visible products (in_stock and stock > 0) match.
    // query.text is plain text (no pattern syntax) matched case-insensitively anywhere in the
    // name or the description. One round trip to the database.
    virtual std::vector<Product> list(const ProductQuery &query, std::int64_t fetch_limit) = 0;

    // The facets (see product_facets.hpp) of every product list() would return for `query`
    // without a limit (query.sort and query.limit do not matter), in any order. One round trip
    // to the database.
    virtual ProductFacets facets(const ProductQuery &query) = 0;
};

}  // namespace libstore
