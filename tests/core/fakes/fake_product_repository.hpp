// In-memory ProductRepository with the MongoDB adapter's contract: every filter, the sort orders
// with the id as tie-break, keyset positions, and hidden products left out unless asked for.
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/ports/product_repository.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::testing {

class FakeProductRepository final : public ProductRepository {
  public:
    std::string insert(const Product &product, const std::string &) override {
        Product stored = product;
        char id[25];
        std::snprintf(id, sizeof id, "%024x", ++next_id_);
        stored.id = id;
        products_[stored.id] = stored;
        return stored.id;
    }

    std::optional<Product> find(const std::string &id) override {
        auto it = products_.find(id);
        return it == products_.end() ? std::nullopt : std::optional<Product>(it->second);
    }

    std::optional<Product> update(const std::string &id, const ProductChanges &changes,
                                  std::int64_t updated_at_ms, const std::string &) override {
        auto it = products_.find(id);
        if (it == products_.end()) {
            return std::nullopt;
        }
        Product &product = it->second;
        if (changes.name) {
            product.name = *changes.name;
            product.name_key = *changes.name_key;
        }
        if (changes.description) {
            product.description = *changes.description;
        }
        if (changes.price_cents) {
            product.price_cents = *changes.price_cents;
        }
        if (changes.stock) {
            product.stock = *changes.stock;
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
        product.updated_at_ms = updated_at_ms;
        return product;
    }

    bool remove(const std::string &id) override { return products_.erase(id) > 0; }

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

    // Direct access for tests that set up states the service cannot make (e.g. stock taken by
    // orders).
    Product &stored(const std::string &id) { return products_.at(id); }

    int list_calls = 0;
    std::int64_t last_fetch_limit = 0;

  private:
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
        if (query.size && std::find(product.sizes.begin(), product.sizes.end(), *query.size) ==
                              product.sizes.end()) {
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
};

}  // namespace libstore::testing
