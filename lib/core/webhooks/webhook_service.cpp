#include "core/webhooks/webhook_service.hpp"

#include "core/audit/change_summary.hpp"
#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/webhooks/webhook_input.hpp"

namespace libstore {

namespace {

template <typename Item, typename Show>
Value page_of(std::vector<Item> found, std::int64_t limit, Show &&show,
              std::int64_t (*at_of)(const Item &)) {
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > limit) {
        found.resize(static_cast<std::size_t>(limit));
        next_cursor = encode_time_id_cursor(at_of(found.back()), found.back().id);
    }
    Value::Array items;
    for (const auto &item : found) {
        items.push_back(show(item));
    }
    return page_value(std::move(items), next_cursor);
}

std::int64_t created_at_of(const Webhook &webhook) {
    return webhook.created_at_ms;
}

std::int64_t attempted_at_of(const DeliveryAttempt &attempt) {
    return attempt.at_ms;
}

}  // namespace

Session WebhookService::admin(const Session &session) {
    Session caller = ports_.authenticator.recheck(session);
    require_admin(caller);
    return caller;
}

Value WebhookService::create(const Session &session, const Value &body) {
    Session caller = admin(session);
    Webhook webhook = parse_new_webhook(body, allow_private_);
    std::string secret = kWebhookSecretPrefix + ports_.random.generate();
    webhook.sealed_secret = ports_.sealer.seal(secret);
    webhook.cursor = ports_.feed.last_id();
    webhook.created_at_ms = webhook.updated_at_ms = ports_.clock.now_ms();
    ports_.audit.record(caller, {"webhook.create", "webhook", "", describe_fields("created", body)},
                        [&](const std::string &mark, AuditSubject &subject) {
                            webhook.id = ports_.webhooks.insert(webhook, mark);
                            subject.target_id = webhook.id;
                        });
    Value shown = webhook_value(webhook);
    shown.set("secret", secret);
    return shown;
}

Value WebhookService::list(const Session &session, const Value &query) {
    admin(session);
    WebhookQuery parsed = parse_webhook_query(query);
    return page_of(ports_.webhooks.list(parsed, parsed.limit + 1), parsed.limit, webhook_value,
                   created_at_of);
}

Value WebhookService::get(const Session &session, const std::string &id) {
    admin(session);
    require_object_id(id, "webhook");
    auto webhook = ports_.webhooks.find(id);
    if (!webhook) {
        throw_not_found("webhook not found");
    }
    return webhook_value(*webhook);
}

Value WebhookService::update(const Session &session, const std::string &id, const Value &body) {
    Session caller = admin(session);
    require_object_id(id, "webhook");
    WebhookChanges changes = parse_webhook_changes(body, allow_private_);
    auto current = ports_.webhooks.find(id);
    if (!current) {
        throw_not_found("webhook not found");
    }
    Webhook changed = *current;
    if (changes.url) {
        changed.url = *changes.url;
    }
    if (changes.events) {
        changed.events = *changes.events;
    }
    if (changes.active) {
        if (*changes.active && !current->active) {
            changed.cursor = ports_.feed.last_id();
        }
        changed.active = *changes.active;
    }
    changed.updated_at_ms = ports_.clock.now_ms();
    std::optional<Webhook> updated;
    ports_.audit.record(caller, {"webhook.update", "webhook", id, describe_fields("changed", body)},
                        [&](const std::string &mark, AuditSubject &) {
                            updated = ports_.webhooks.update(changed, mark);
                            if (!updated) {
                                throw_not_found("webhook not found");
                            }
                        });
    return webhook_value(*updated);
}

void WebhookService::remove(const Session &session, const std::string &id) {
    Session caller = admin(session);
    require_object_id(id, "webhook");
    ports_.audit.record(caller, {"webhook.delete", "webhook", id, "deleted"},
                        [&](const std::string &, AuditSubject &) {
                            if (!ports_.webhooks.remove(id)) {
                                throw_not_found("webhook not found");
                            }
                        });
    // After the removal: a job a sweep takes meanwhile finds no webhook and is dropped, so a
    // crash in between leaves nothing that is ever sent.
    ports_.deliveries.remove_webhook(id);
}

Value WebhookService::deliveries(const Session &session, const std::string &id,
                                 const Value &query) {
    admin(session);
    require_object_id(id, "webhook");
    WebhookQuery parsed = parse_webhook_query(query);
    if (!ports_.webhooks.find(id)) {
        throw_not_found("webhook not found");
    }
    return page_of(ports_.deliveries.attempts(id, parsed, parsed.limit + 1), parsed.limit,
                   delivery_attempt_value, attempted_at_of);
}

}  // namespace libstore
