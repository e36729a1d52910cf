// Port: delivery jobs (one per event owed to a webhook, leased to one sweep at a time) and the
// delivery log. Every operation is one atomic single-document step, which is what lets any
// number of threads and processes deliver at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/webhooks/delivery_attempt.hpp"
#include "core/webhooks/delivery_job.hpp"
#include "core/webhooks/webhook_input.hpp"

namespace libstore {

// What an attempt's holder records.
struct JobOutcome {
    DeliveryState state = DeliveryState::pending;
    std::int64_t attempts = 0;
    std::int64_t first_attempt_at_ms = 0;
    std::int64_t due_at_ms = 0;  // pending: when the next attempt is due
};

class DeliveryRepository {
  public:
    virtual ~DeliveryRepository() = default;

    // Stores a new job; false when one with its id exists already (another dispatcher made it).
    virtual bool create(const DeliveryJob &job) = 0;
    // Takes the pending job due earliest with due_at <= now_ms, leasing it to `holder` until
    // lease_until_ms (due_at becomes lease_until_ms). nullopt when none is due. One round trip.
    virtual std::optional<DeliveryJob> take_due(std::int64_t now_ms, std::int64_t lease_until_ms,
                                                const std::string &holder) = 0;
    // Records the outcome and ends the lease, only if `holder` still holds the job. False when
    // another sweep took it over (the lease had run out) or it is gone.
    virtual bool finish(const std::string &job_id, const std::string &holder,
                        const JobOutcome &outcome) = 0;
    // The earliest due_at of the pending jobs; nullopt when there are none.
    virtual std::optional<std::int64_t> next_due_at() = 0;
    // Appends to the delivery log (kept 30 days).
    virtual void record(const DeliveryAttempt &attempt) = 0;
    // The webhook's attempts, newest first (at, id), strictly before query.before.
    virtual std::vector<DeliveryAttempt> attempts(const std::string &webhook_id,
                                                  const WebhookQuery &query,
                                                  std::int64_t fetch_limit) = 0;
    // Drops a deleted webhook's jobs and log.
    virtual void remove_webhook(const std::string &webhook_id) = 0;
    // The job, for tests and tools.
    virtual std::optional<DeliveryJob> find(const std::string &job_id) = 0;
};

}  // namespace libstore
