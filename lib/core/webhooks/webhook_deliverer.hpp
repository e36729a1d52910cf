// Delivering the event feed to webhooks: one sweep dispatches new events into delivery jobs and
// sends the jobs that are due. Any number of sweeps may run at once, in threads or processes:
// dispatch makes each job once (its id) and moves each cursor by compare-and-set; a job is sent
// only by the sweep holding its lease, and only that sweep may record the outcome, so one event
// is never sent to one webhook twice at the same time. A sweep that dies mid-send leaves the
// lease to run out, and the job goes again (at least once).
#pragma once

#include <functional>
#include <string>

#include "core/ports/clock.hpp"
#include "core/ports/delivery_repository.hpp"
#include "core/ports/event_feed.hpp"
#include "core/ports/http_sender.hpp"
#include "core/ports/json_writer.hpp"
#include "core/ports/message_signer.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/secret_sealer.hpp"
#include "core/ports/webhook_repository.hpp"
#include "core/value.hpp"
#include "core/webhooks/delivery_policy.hpp"

namespace libstore {

struct DelivererPorts {
    EventFeed &feed;
    WebhookRepository &webhooks;
    DeliveryRepository &deliveries;
    HttpSender &sender;
    MessageSigner &signer;
    SecretSealer &sealer;
    JsonWriter &json;
    OpaqueTokens &random;  // lease holder tokens
    Clock &clock;
};

class WebhookDeliverer {
  public:
    WebhookDeliverer(DelivererPorts ports, DeliveryPolicy policy)
        : ports_(ports), policy_(policy) {}

    // One sweep: dispatch, then at most policy.max_sends sends. -> {dispatched, attempted,
    // delivered, retried, failed, next_due_in_ms (null when no job is waiting)}. Round trips:
    // the active webhooks, per webhook a feed read (+ a job insert per matching event and the
    // cursor's move when there are new events); per send the take, the webhook, the outcome and
    // the log line; one more take that finds nothing and the next-due query.
    // `stop_requested`, when given, is asked before each send: true ends the sweep there (a
    // deliverer being stopped waits for one send, not for max_sends of them).
    Value sweep(const std::function<bool()> &stop_requested = {});

  private:
    struct Tally {
        std::int64_t dispatched = 0;
        std::int64_t attempted = 0;
        std::int64_t delivered = 0;
        std::int64_t retried = 0;
        std::int64_t failed = 0;
    };

    void dispatch(const Webhook &webhook, Tally &tally);
    void attempt(const DeliveryJob &job, const std::string &holder, Tally &tally);

    DelivererPorts ports_;
    DeliveryPolicy policy_;
};

}  // namespace libstore
