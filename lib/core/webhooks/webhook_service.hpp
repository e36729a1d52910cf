// Webhooks' administration: admins only, every write audited as webhook.create|update|delete.
// The secret is made here, shown once in the create answer and kept sealed.
#pragma once

#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/delivery_repository.hpp"
#include "core/ports/event_feed.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/secret_sealer.hpp"
#include "core/ports/webhook_repository.hpp"
#include "core/value.hpp"

namespace libstore {

// Shown secrets start with this, so a leaked one is recognisable (and greppable).
inline constexpr const char *kWebhookSecretPrefix = "whsec_";

struct WebhookPorts {
    WebhookRepository &webhooks;
    DeliveryRepository &deliveries;
    EventFeed &feed;
    SecretSealer &sealer;
    OpaqueTokens &random;
    Clock &clock;
    Authenticator &authenticator;
    AuditTrail &audit;
};

class WebhookService {
  public:
    WebhookService(WebhookPorts ports, bool allow_private)
        : ports_(ports), allow_private_(allow_private) {}

    // {url, events, active?} -> {id, url, events, active, created_at, updated_at, secret}. The
    // webhook gets the events recorded after this call (its cursor starts at the feed's end).
    // Round trips: the feed's last id, the insert and its audit entry.
    Value create(const Session &session, const Value &body);
    // {limit?, cursor?} -> a page, newest first.
    Value list(const Session &session, const Value &query);
    Value get(const Session &session, const std::string &id);
    // {url?, events?, active?}. Reactivating starts it at the feed's end again: a webhook gets
    // nothing of what happened while it was inactive.
    Value update(const Session &session, const std::string &id, const Value &body);
    // Its pending deliveries and its log go with it.
    void remove(const Session &session, const std::string &id);
    // {limit?, cursor?} -> a page of its delivery attempts, newest first.
    Value deliveries(const Session &session, const std::string &id, const Value &query);

  private:
    Session admin(const Session &session);

    WebhookPorts ports_;
    bool allow_private_;
};

}  // namespace libstore
