// DeliveryRepository over MongoDB. Jobs in `webhook_deliveries`:
//   {_id: "<webhook id>:<event id>", webhook_id (ObjectId), event_id, event_type, body (the JSON
//    text sent), state: "pending"|"delivered"|"failed"|"dropped", attempts, first_attempt_at|null,
//    due_at (next attempt, or the lease's end while leased), holder|null, created_at}
// Delivered, failed and dropped jobs stay (they are what makes a second dispatch a duplicate).
// The log in `webhook_attempts`, one document per attempt, dropped after 30 days (TTL on `at`):
//   {_id, webhook_id, event_id, event_type, at, attempt, status_code|null, error|null,
//    delivered, response_body}
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/delivery_repository.hpp"

namespace libstore::mongo {

class MongoDeliveryRepository final : public DeliveryRepository {
  public:
    explicit MongoDeliveryRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    bool create(const DeliveryJob &job) override;
    std::optional<DeliveryJob> take_due(std::int64_t now_ms, std::int64_t lease_until_ms,
                                        const std::string &holder) override;
    bool finish(const std::string &job_id, const std::string &holder,
                const JobOutcome &outcome) override;
    std::optional<std::int64_t> next_due_at() override;
    void record(const DeliveryAttempt &attempt) override;
    std::vector<DeliveryAttempt> attempts(const std::string &webhook_id, const WebhookQuery &query,
                                          std::int64_t fetch_limit) override;
    void remove_webhook(const std::string &webhook_id) override;
    std::optional<DeliveryJob> find(const std::string &job_id) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
