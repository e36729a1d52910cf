// CategoryRepository over MongoDB. Documents in `categories`:
//   {_id: ObjectId, name, name_lower (unique index), description: string|null,
//    created_at: date, updated_at: date}
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/category_repository.hpp"

namespace libstore::mongo {

class MongoCategoryRepository final : public CategoryRepository {
  public:
    explicit MongoCategoryRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::string insert(const Category &category, const std::string &audit_mark) override;
    std::optional<Category> find(const std::string &id) override;
    std::optional<Category> update(const std::string &id, const CategoryChanges &changes,
                                   std::int64_t updated_at_ms,
                                   const std::string &audit_mark) override;
    bool remove(const std::string &id) override;
    std::vector<Category> list(const CategoryQuery &query, std::int64_t fetch_limit) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
