// In-memory ProductRepository with the MongoDB adapter's contract: every filter, the sort orders
// with the id as tie-break, keyset positions, and hidden products left out unless asked for.
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/ports/category_repository.hpp"
#include "core/ports/product_repository.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::testing {

class FakeProductRepository final : public ProductRepository {
  public:
    Product insert(const Product &product, const std::string &) override {
        Product stored = product;
        stored.id = new_id();
        for (auto &variant : stored.variants) {
            variant.id = new_id();
        }
        derive_totals(stored);
        products_[stored.id] = stored;
        return stored;
    }

    std::optional<Product> find(const std::string &id) override {
        auto it = products_.find(id);
        if (it == products_.end()) {
            return std::nullopt;
        }
        Product found = it->second;
        if (concurrent_changes_after_find > 0) {
            --concurrent_changes_after_find;
            ++it->second.revision;  // as if another writer changed the variants meanwhile
        }
        return found;
    }

    std::optional<Product> update(const std::string &id, const ProductChanges &changes,
                                  std::int64_t updated_at_ms, const std::string &,
                                  std::optional<std::int64_t> expected_revision) override {
        Product *found = at_revision(id, expected_revision);
        if (found == nullptr) {
            return std::nullopt;
        }
        Product &product = *found;
        if (changes.name) {
            product.name = *changes.name;
            product.name_key = *changes.name_key;
        }
        if (changes.description) {
            product.description = *changes.description;
        }
        for (auto &variant : product.variants) {
            if (changes.price_cents) {
                variant.price_cents = *changes.price_cents;
            }
            if (changes.stock) {
                variant.stock = *changes.stock;
            }
        }
        if (changes.options) {
            product.options = *changes.options;
        }
        if (changes.in_stock) {
            product.in_stock = *changes.in_stock;
        }
        if (changes.category_id) {
            product.category_id = *changes.category_id;
        }
        if (changes.image_url) {
            product.image_url = *changes.image_url;
        }
        if (changes.sizes) {
            product.sizes = *changes.sizes;
        }
        if (changes.attributes) {
            product.attributes = *changes.attributes;
        }
        return finish(product, updated_at_ms, expected_revision.has_value());
    }

    std::optional<Product> add_variant(const std::string &product_id, const Variant &variant,
                                       std::int64_t expected_revision, std::int64_t updated_at_ms,
                                       const std::string &) override {
        Product *product = at_revision(product_id, expected_revision);
        if (product == nullptr) {
            return std::nullopt;
        }
        require_unique_skus(product_id, variant.sku);
        Variant added = variant;
        added.id = new_id();
        product->variants.push_back(added);
        return finish(*product, updated_at_ms, true);
    }

    std::optional<Product> update_variant(
        const std::string &product_id, const std::string &variant_id, const VariantChanges &changes,
        std::int64_t expected_revision, std::int64_t updated_at_ms, const std::string &) override {
        Product *product = at_revision(product_id, expected_revision);
        if (product == nullptr) {
            return std::nullopt;
        }
        if (changes.sku && *changes.sku) {
            require_unique_skus(product_id, *changes.sku);
        }
        for (auto &variant : product->variants) {
            if (variant.id != variant_id) {
                continue;
            }
            if (changes.sku) {
                variant.sku = *changes.sku;
            }
            if (changes.options) {
                variant.options = *changes.options;
            }
            if (changes.price_cents) {
                variant.price_cents = *changes.price_cents;
            }
            if (changes.stock) {
                variant.stock = *changes.stock;
            }
            if (changes.in_stock) {
                variant.in_stock = *changes.in_stock;
            }
        }
        return finish(*product, updated_at_ms, true);
    }

    std::optional<Product> remove_variant(const std::string &product_id,
                                          const std::string &variant_id,
                                          std::int64_t expected_revision,
                                          std::int64_t updated_at_ms,
                                          const std::string &) override {
        Product *product = at_revision(product_id, expected_revision);
        if (product == nullptr) {
            return std::nullopt;
        }
        auto &variants = product->variants;
        variants.erase(std::remove_if(variants.begin(), variants.end(),
                                      [&](const Variant &v) { return v.id == variant_id; }),
                       variants.end());
        return finish(*product, updated_at_ms, true);
    }

    std::optional<Product> take(const std::string &id) override {
        auto found = find(id);
        products_.erase(id);
        return found;
    }

    std::optional<Product> add_image(const std::string &product_id, const ProductImage &image,
                                     std::int64_t updated_at_ms, const std::string &) override {
        auto it = products_.find(product_id);
        if (it == products_.end()) {
            return std::nullopt;
        }
        it->second.images.push_back(image);
        it->second.updated_at_ms = updated_at_ms;
        return it->second;
    }

    std::optional<Product> remove_image(const std::string &product_id, const std::string &image_id,
                                        std::int64_t updated_at_ms, const std::string &) override {
        auto it = products_.find(product_id);
        if (it == products_.end()) {
            return std::nullopt;
        }
        auto &images = it->second.images;
        auto listed = std::find_if(images.begin(), images.end(),
                                   [&](const ProductImage &image) { return image.id == image_id; });
        if (listed == images.end()) {
            return std::nullopt;
        }
        images.erase(listed);
        it->second.updated_at_ms = updated_at_ms;
        return it->second;
    }

    std::vector<std::string> listed_images(const std::vector<std::string> &image_ids) override {
        std::vector<std::string> listed;
        for (const auto &[id, product] : products_) {
            for (const auto &image : product.images) {
                if (std::find(image_ids.begin(), image_ids.end(), image.id) != image_ids.end()) {
                    listed.push_back(image.id);
                }
            }
        }
        return listed;
    }

    bool any_in_category(const std::string &category_id) override {
        for (const auto &[id, product] : products_) {
            if (product.category_id == category_id) {
                return true;
            }
        }
        return false;
    }

    std::vector<Product> list(const ProductQuery &query, std::int64_t fetch_limit) override {
        ++list_calls;
        last_fetch_limit = fetch_limit;
        std::vector<Product> found;
        for (const auto &[id, product] : products_) {
            if (matches(query, product) && (!query.after || is_after(query, product))) {
                found.push_back(product);
            }
        }
        std::sort(found.begin(), found.end(), [&](const Product &a, const Product &b) {
            return query.sort.descending ? less(query.sort.key, b, a) : less(query.sort.key, a, b);
        });
        if (static_cast<std::int64_t>(found.size()) > fetch_limit) {
            found.resize(static_cast<std::size_t>(fetch_limit));
        }
        return found;
    }

    // Counted in plain C++ from the products list() would return, as the adapter's aggregate
    // counts them. Category names come from the repository given to join_categories(), if any.
    ProductFacets facets(const ProductQuery &query) override {
        ++facets_calls;
        ProductFacets facets;
        std::map<std::string, std::int64_t> categories;
        std::map<std::string, std::map<std::string, std::int64_t>> options;
        std::map<std::string, std::map<std::string, std::int64_t>> attributes;
        for (const auto &[id, product] : products_) {
            if (!matches(query, product)) {
                continue;
            }
            ++facets.total;
            facets.min_price_cents =
                std::min(facets.min_price_cents.value_or(product.price_cents), product.price_cents);
            facets.max_price_cents =
                std::max(facets.max_price_cents.value_or(product.price_cents), product.price_cents);
            if (product.category_id) {
                ++categories[*product.category_id];
            }
            for (const auto &[key, text] : product.attributes) {
                ++attributes[key][text];
            }
            for (const auto &[name, value] : purchasable_option_values(product)) {
                ++options[name][value];
            }
        }
        for (const auto &[id, count] : categories) {
            CategoryFacet category{id, std::nullopt, count};
            if (categories_ != nullptr) {
                if (auto found = categories_->find(id)) {
                    category.name = found->name;
                }
            }
            facets.categories.push_back(category);
        }
        facets.options = value_counts(options);
        facets.attributes = value_counts(attributes);
        return facets;
    }

    void join_categories(CategoryRepository &categories) { categories_ = &categories; }

    // Direct access for tests that set up states the service cannot make (e.g. stock taken by
    // orders).
    Product &stored(const std::string &id) { return products_.at(id); }

    // How many of the next finds are each followed by another writer's change of the variants.
    int concurrent_changes_after_find = 0;
    int list_calls = 0;
    int facets_calls = 0;
    std::int64_t last_fetch_limit = 0;

  private:
    std::string new_id() {
        char id[25];
        std::snprintf(id, sizeof id, "%024x", ++next_id_);
        return id;
    }

    Product *at_revision(const std::string &id, std::optional<std::int64_t> revision) {
        auto it = products_.find(id);
        if (it == products_.end() || (revision && it->second.revision != *revision)) {
            return nullptr;
        }
        return &it->second;
    }

    Product finish(Product &product, std::int64_t updated_at_ms, bool bump_revision) {
        derive_totals(product);
        product.updated_at_ms = updated_at_ms;
        if (bump_revision) {
            ++product.revision;
        }
        return product;
    }

    // The unique index on lower-cased SKUs, across other products.
    void require_unique_skus(const std::string &product_id, const std::optional<std::string> &sku) {
        if (!sku) {
            return;
        }
        for (const auto &[id, product] : products_) {
            for (const auto &variant : product.variants) {
                if (id != product_id && variant.sku && fold_case(*variant.sku) == fold_case(*sku)) {
                    throw Error(ErrorCode::conflict, "sku", "sku is already taken");
                }
            }
        }
    }

    static bool has_size(const Product &product, const std::string &size) {
        if (std::find(product.sizes.begin(), product.sizes.end(), size) != product.sizes.end()) {
            return true;
        }
        for (const auto &variant : product.variants) {
            const std::string *value = option_value(variant.options, "size");
            if (is_purchasable(variant, true) && value != nullptr && *value == size) {
                return true;
            }
        }
        return false;
    }

    // The (option, value) pairs of the product's purchasable variants, each once.
    static std::set<std::pair<std::string, std::string>> purchasable_option_values(
        const Product &product) {
        std::set<std::pair<std::string, std::string>> values;
        for (const auto &variant : product.variants) {
            if (is_purchasable(variant, product.in_stock)) {
                values.insert(variant.options.begin(), variant.options.end());
            }
        }
        return values;
    }

    static ValueCounts value_counts(
        const std::map<std::string, std::map<std::string, std::int64_t>> &counted) {
        ValueCounts counts;
        for (const auto &[name, values] : counted) {
            std::vector<ValueCount> list;
            for (const auto &[value, count] : values) {
                list.push_back({value, count});
            }
            counts.emplace_back(name, std::move(list));
        }
        return counts;
    }

    static bool contains(const std::optional<std::string> &text, const std::string &folded) {
        return text && fold_case(*text).find(folded) != std::string::npos;
    }

    static bool matches(const ProductQuery &query, const Product &product) {
        if (query.category_id && product.category_id != query.category_id) {
            return false;
        }
        if (!query.include_hidden && !is_publicly_visible(product)) {
            return false;
        }
        if (query.min_price_cents && product.price_cents < *query.min_price_cents) {
            return false;
        }
        if (query.max_price_cents && product.price_cents > *query.max_price_cents) {
            return false;
        }
        if (query.size && !has_size(product, *query.size)) {
            return false;
        }
        for (const auto &pair : query.attributes) {
            if (std::find(product.attributes.begin(), product.attributes.end(), pair) ==
                product.attributes.end()) {
                return false;
            }
        }
        if (query.text) {
            std::string folded = fold_case(*query.text);
            if (!contains(product.name, folded) && !contains(product.description, folded)) {
                return false;
            }
        }
        return true;
    }

    static int compare_key(ProductSortKey key, const Product &a, const Product &b) {
        switch (key) {
            case ProductSortKey::name:
                return a.name_key.compare(b.name_key);
            case ProductSortKey::price:
                return a.price_cents < b.price_cents ? -1 : a.price_cents > b.price_cents;
            case ProductSortKey::created_at:
                return a.created_at_ms < b.created_at_ms ? -1 : a.created_at_ms > b.created_at_ms;
        }
        return 0;
    }

    static bool less(ProductSortKey key, const Product &a, const Product &b) {
        int order = compare_key(key, a, b);
        return order != 0 ? order < 0 : a.id < b.id;
    }

    static bool is_after(const ProductQuery &query, const Product &product) {
        Product position;
        position.id = query.after->id;
        position.name_key = query.after->name_key;
        position.price_cents = query.after->number;
        position.created_at_ms = query.after->number;
        return query.sort.descending ? less(query.sort.key, product, position)
                                     : less(query.sort.key, position, product);
    }

    std::map<std::string, Product> products_;
    unsigned next_id_ = 0;
    CategoryRepository *categories_ = nullptr;
};

}  // namespace libstore::testing
