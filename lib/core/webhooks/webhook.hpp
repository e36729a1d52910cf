// A webhook: where the shop posts the events an integration subscribed to (API.md "Events and
// webhooks"), with its signing secret and its place in the event feed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace libstore {

// Subscribes to every event type.
inline constexpr const char *kEveryEvent = "*";

struct Webhook {
    std::string id;
    std::string url;
    std::vector<std::string> events;  // event types, or the single "*"
    bool active = true;
    std::string sealed_secret;  // SecretSealer::seal() of the secret shown at creation
    // The id of the last event of the feed this webhook has taken its deliveries from.
    std::int64_t cursor = 0;
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
};

// Whether the webhook subscribed to events of `type`.
bool webhook_wants(const Webhook &webhook, const std::string &type);

// {id, url, events, active, created_at, updated_at}: never the secret.
Value webhook_value(const Webhook &webhook);

}  // namespace libstore
