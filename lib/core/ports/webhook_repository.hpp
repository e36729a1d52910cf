// Port: where webhooks are kept, with each one's cursor in the event feed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/webhooks/webhook.hpp"
#include "core/webhooks/webhook_input.hpp"

namespace libstore {

class WebhookRepository {
  public:
    virtual ~WebhookRepository() = default;

    // Stores a new webhook (its id is ignored) carrying `audit_mark`; returns its id.
    virtual std::string insert(const Webhook &webhook, const std::string &audit_mark) = 0;
    virtual std::optional<Webhook> find(const std::string &id) = 0;
    // Writes url, events, active, updated_at and cursor with `audit_mark`. The webhook
    // afterwards, nullopt when there is none with that id.
    virtual std::optional<Webhook> update(const Webhook &changed,
                                          const std::string &audit_mark) = 0;
    // False when there was none with that id.
    virtual bool remove(const std::string &id) = 0;
    // Newest first (created_at, id), strictly before query.before, at most `fetch_limit`.
    virtual std::vector<Webhook> list(const WebhookQuery &query, std::int64_t fetch_limit) = 0;
    // Every active webhook, for the dispatch. One round trip.
    virtual std::vector<Webhook> active() = 0;
    // Compare-and-set of the cursor: moves it from `from` to `to` only if it is still `from`.
    // False when another dispatcher moved it first (or the webhook is gone).
    virtual bool advance_cursor(const std::string &id, std::int64_t from, std::int64_t to) = 0;
};

}  // namespace libstore
