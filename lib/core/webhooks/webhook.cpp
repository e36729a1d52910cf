#include "core/webhooks/webhook.hpp"

#include "core/timestamp.hpp"

namespace libstore {

bool webhook_wants(const Webhook &webhook, const std::string &type) {
    for (const auto &wanted : webhook.events) {
        if (wanted == kEveryEvent || wanted == type) {
            return true;
        }
    }
    return false;
}

Value webhook_value(const Webhook &webhook) {
    Value events = Value::array();
    for (const auto &type : webhook.events) {
        events.push_back(type);
    }
    Value shown = Value::object();
    shown.set("id", webhook.id)
        .set("url", webhook.url)
        .set("events", std::move(events))
        .set("active", webhook.active)
        .set("created_at", format_rfc3339(webhook.created_at_ms))
        .set("updated_at", format_rfc3339(webhook.updated_at_ms));
    return shown;
}

}  // namespace libstore
