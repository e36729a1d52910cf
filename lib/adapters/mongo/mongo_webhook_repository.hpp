// WebhookRepository over MongoDB. Documents in `webhooks`:
//   {_id, url, events: [type | "*"], active, secret_sealed, cursor (int64: the last event id
//    dispatched), created_at, updated_at, audit_marks}
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/webhook_repository.hpp"

namespace libstore::mongo {

class MongoWebhookRepository final : public WebhookRepository {
  public:
    explicit MongoWebhookRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::string insert(const Webhook &webhook, const std::string &audit_mark) override;
    std::optional<Webhook> find(const std::string &id) override;
    std::optional<Webhook> update(const Webhook &changed, const std::string &audit_mark) override;
    bool remove(const std::string &id) override;
    std::vector<Webhook> list(const WebhookQuery &query, std::int64_t fetch_limit) override;
    std::vector<Webhook> active() override;
    bool advance_cursor(const std::string &id, std::int64_t from, std::int64_t to) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
