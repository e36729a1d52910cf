// Port: where categories are kept. Ids are 24-hex ObjectId strings the caller has already
// checked (core/object_id.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/catalog/category.hpp"
#include "core/catalog/category_input.hpp"

namespace libstore {

class CategoryRepository {
  public:
    virtual ~CategoryRepository() = default;

    // Stores a new category (its id is ignored) carrying `audit_mark` (see
    // ports/audit_repository.hpp) and returns the id given to it. Throws Error(conflict, "name")
    // when another category has the same name_key.
    virtual std::string insert(const Category &category, const std::string &audit_mark) = 0;

    virtual std::optional<Category> find(const std::string &id) = 0;

    // Applies `changes`, the new updated_at and `audit_mark` in one atomic step; the category as
    // it is afterwards, or nullopt when there is none with that id. Error(conflict, "name") as
    // insert.
    virtual std::optional<Category> update(const std::string &id, const CategoryChanges &changes,
                                           std::int64_t updated_at_ms,
                                           const std::string &audit_mark) = 0;

    // False when there was none with that id.
    virtual bool remove(const std::string &id) = 0;

    // Up to `fetch_limit` categories in name_key order, starting after query.after_name_key.
    virtual std::vector<Category> list(const CategoryQuery &query, std::int64_t fetch_limit) = 0;
};

}  // namespace libstore
