// AuditRepository over MongoDB. Collection `audit`:
//   {_id: ObjectId, at: date, actor_id: string, action: string, target_type: string,
//    target_id: string|null, summary: string, pending: bool}
// Target documents (users, categories, products, orders) carry pending entries' ids in
// `audit_marks` (adapters/mongo/audit_marks.hpp).
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/audit_repository.hpp"

namespace libstore::mongo {

class MongoAuditRepository final : public AuditRepository {
  public:
    explicit MongoAuditRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::string begin(const AuditEntry &entry) override;
    void commit(const AuditEntry &entry) override;
    void drop(const AuditEntry &entry) override;
    std::vector<AuditEntry> stale_pending(std::int64_t before_ms) override;
    std::optional<std::string> marked_target(const AuditEntry &entry) override;
    bool target_exists(const AuditEntry &entry) override;
    std::vector<AuditEntry> list(const AuditQuery &query, std::int64_t limit) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
