// In-memory CategoryRepository with the MongoDB adapter's contract: unique name keys, ids in
// creation order, listing in name-key order.
#pragma once

#include <cstdio>
#include <map>

#include "core/error.hpp"
#include "core/ports/category_repository.hpp"

namespace libstore::testing {

class FakeCategoryRepository final : public CategoryRepository {
  public:
    std::string insert(const Category &category, const std::string &) override {
        require_free_name(category.name_key, "");
        Category stored = category;
        char id[25];
        std::snprintf(id, sizeof id, "%024x", ++next_id_);
        stored.id = id;
        categories_[stored.id] = stored;
        return stored.id;
    }

    std::optional<Category> find(const std::string &id) override {
        auto it = categories_.find(id);
        return it == categories_.end() ? std::nullopt : std::optional<Category>(it->second);
    }

    std::optional<Category> update(const std::string &id, const CategoryChanges &changes,
                                   std::int64_t updated_at_ms, const std::string &) override {
        auto it = categories_.find(id);
        if (it == categories_.end()) {
            return std::nullopt;
        }
        if (changes.name) {
            require_free_name(*changes.name_key, id);
            it->second.name = *changes.name;
            it->second.name_key = *changes.name_key;
        }
        if (changes.description) {
            it->second.description = *changes.description;
        }
        it->second.updated_at_ms = updated_at_ms;
        return it->second;
    }

    bool remove(const std::string &id) override { return categories_.erase(id) > 0; }

    std::vector<Category> list(const CategoryQuery &query, std::int64_t fetch_limit) override {
        ++list_calls;
        last_fetch_limit = fetch_limit;
        std::map<std::string, Category> by_key;
        for (const auto &[id, category] : categories_) {
            if (!query.after_name_key || category.name_key > *query.after_name_key) {
                by_key[category.name_key] = category;
            }
        }
        std::vector<Category> found;
        for (const auto &[key, category] : by_key) {
            if (static_cast<std::int64_t>(found.size()) == fetch_limit) {
                break;
            }
            found.push_back(category);
        }
        return found;
    }

    int list_calls = 0;
    std::int64_t last_fetch_limit = 0;

  private:
    void require_free_name(const std::string &name_key, const std::string &own_id) {
        for (const auto &[id, existing] : categories_) {
            if (id != own_id && existing.name_key == name_key) {
                throw_conflict("name", "a category with this name already exists");
            }
        }
    }

    std::map<std::string, Category> categories_;
    unsigned next_id_ = 0;
};

}  // namespace libstore::testing
