// Parsing and validation of webhook input: new webhooks, changes, list queries. The field rules
// of API.md "Events and webhooks" live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/page_cursor.hpp"
#include "core/value.hpp"
#include "core/webhooks/webhook.hpp"

namespace libstore {

struct WebhookChanges {
    std::optional<std::string> url;
    std::optional<std::vector<std::string>> events;
    std::optional<bool> active;
};

struct WebhookQuery {
    std::int64_t limit = kDefaultPageLimit;
    std::optional<TimeIdPosition> before;  // newest first: strictly older than this
};

// {url, events, active?} -> a Webhook without id, secret, cursor and timestamps. Throws
// Error(invalid_argument) naming the first bad or unknown field. `allow_private`: see
// webhook_url.hpp.
Webhook parse_new_webhook(const Value &body, bool allow_private);

// The same fields, each optional, at least one.
WebhookChanges parse_webhook_changes(const Value &body, bool allow_private);

// {limit?, cursor?}: the page of webhooks or of one webhook's delivery attempts.
WebhookQuery parse_webhook_query(const Value &query);

}  // namespace libstore
