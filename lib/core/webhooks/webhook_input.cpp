#include "core/webhooks/webhook_input.hpp"

#include <set>

#include "core/error.hpp"
#include "core/events/event.hpp"
#include "core/validation/object_reader.hpp"
#include "core/webhooks/webhook_url.hpp"

namespace libstore {

namespace {

const std::initializer_list<std::string_view> kWebhookFields = {"url", "events", "active"};

// More than there are event types: a longer list can only repeat itself.
constexpr std::size_t kMaxEventNames = 32;

std::string parse_url(const Value &value, bool allow_private) {
    if (!value.is_string()) {
        throw_invalid("url", "url must be a string");
    }
    check_webhook_url(value.as_string(), allow_private);
    return value.as_string();
}

std::vector<std::string> parse_events(const Value &value) {
    if (!value.is_array() || value.as_array().empty()) {
        throw_invalid("events", "events must be a non-empty list of event types or \"*\"");
    }
    if (value.as_array().size() > kMaxEventNames) {
        throw_invalid("events", "events must list at most 32 types");
    }
    std::vector<std::string> events;
    std::set<std::string> seen;
    for (const auto &item : value.as_array()) {
        if (!item.is_string() ||
            (item.as_string() != kEveryEvent && !is_event_type(item.as_string()))) {
            throw_invalid("events",
                          "events must hold known event types (order.placed, ...) or \"*\"");
        }
        if (!seen.insert(item.as_string()).second) {
            throw_invalid("events", "events must not list a type twice: " + item.as_string());
        }
        events.push_back(item.as_string());
    }
    return events;
}

bool parse_active(const Value &value) {
    if (!value.is_bool()) {
        throw_invalid("active", "active must be true or false");
    }
    return value.as_bool();
}

const Value &required(const Value &body, std::string_view field) {
    const Value *value = body.find(field);
    if (value == nullptr || value->is_null()) {
        throw_invalid(std::string(field), std::string(field) + " is required");
    }
    return *value;
}

}  // namespace

Webhook parse_new_webhook(const Value &body, bool allow_private) {
    ObjectReader reader(body, kWebhookFields);
    Webhook webhook;
    webhook.url = parse_url(required(body, "url"), allow_private);
    webhook.events = parse_events(required(body, "events"));
    if (const Value *active = reader.get("active")) {
        webhook.active = parse_active(*active);
    }
    return webhook;
}

WebhookChanges parse_webhook_changes(const Value &body, bool allow_private) {
    ObjectReader reader(body, kWebhookFields);
    WebhookChanges changes;
    for (const char *field : {"url", "events", "active"}) {
        const Value *value = body.find(field);
        if (value != nullptr && value->is_null()) {
            throw_invalid(field, std::string(field) + " must not be null");
        }
    }
    if (const Value *url = reader.get("url")) {
        changes.url = parse_url(*url, allow_private);
    }
    if (const Value *events = reader.get("events")) {
        changes.events = parse_events(*events);
    }
    if (const Value *active = reader.get("active")) {
        changes.active = parse_active(*active);
    }
    if (!changes.url && !changes.events && !changes.active) {
        throw_invalid("", "give at least one field to change: url, events, active");
    }
    return changes;
}

WebhookQuery parse_webhook_query(const Value &query) {
    ObjectReader reader(query, {"limit", "cursor"});
    WebhookQuery parsed;
    parsed.limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 4096})) {
        parsed.before = decode_time_id_cursor(*cursor);
    }
    return parsed;
}

}  // namespace libstore
