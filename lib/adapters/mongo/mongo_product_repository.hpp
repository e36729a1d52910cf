// ProductRepository over MongoDB. Documents in `products`:
//   {_id: ObjectId, name, name_lower, description: string|null, price_cents: int64,
//    stock: int64, in_stock: bool, category_id: ObjectId|null, image_url: string|null,
//    sizes: [string], attributes: [{k: string, v: string}],
//    images: [{id: ObjectId, content_type}] (absent in old documents), created_at: date,
//    updated_at: date}
// Attributes are stored as key/value pairs so that one index (attributes.k, attributes.v) serves
// a filter on any key a shop invents; listings use the indexes in schema.cpp.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/product_repository.hpp"

namespace libstore::mongo {

class MongoProductRepository final : public ProductRepository {
  public:
    explicit MongoProductRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    // Writes: mongo_product_writes.cpp.
    Product insert(const Product &product, const std::string &audit_mark) override;
    std::optional<Product> update(const std::string &id, const ProductChanges &changes,
                                  std::int64_t updated_at_ms, const std::string &audit_mark,
                                  std::optional<std::int64_t> expected_revision) override;
    std::optional<Product> add_variant(const std::string &product_id, const Variant &variant,
                                       std::int64_t expected_revision, std::int64_t updated_at_ms,
                                       const std::string &audit_mark) override;
    std::optional<Product> update_variant(const std::string &product_id,
                                          const std::string &variant_id,
                                          const VariantChanges &changes,
                                          std::int64_t expected_revision,
                                          std::int64_t updated_at_ms,
                                          const std::string &audit_mark) override;
    std::optional<Product> remove_variant(const std::string &product_id,
                                          const std::string &variant_id,
                                          std::int64_t expected_revision,
                                          std::int64_t updated_at_ms,
                                          const std::string &audit_mark) override;

    std::optional<Product> find(const std::string &id) override;
    std::optional<Product> take(const std::string &id) override;
    std::optional<Product> add_image(const std::string &product_id, const ProductImage &image,
                                     std::int64_t updated_at_ms,
                                     const std::string &audit_mark) override;
    std::optional<Product> remove_image(const std::string &product_id, const std::string &image_id,
                                        std::int64_t updated_at_ms,
                                        const std::string &audit_mark) override;
    std::vector<std::string> listed_images(const std::vector<std::string> &image_ids) override;
    bool any_in_category(const std::string &category_id) override;
    std::vector<Product> list(const ProductQuery &query, std::int64_t fetch_limit) override;
    ProductFacets facets(const ProductQuery &query) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
