#include "core/webhooks/webhook_deliverer.hpp"

#include "core/error.hpp"
#include "core/events/event.hpp"
#include "core/webhooks/webhook_signature.hpp"

namespace libstore {

namespace {

bool is_success(const HttpAnswer &answer) {
    return answer.status_code && *answer.status_code >= 200 && *answer.status_code < 300;
}

}  // namespace

void WebhookDeliverer::dispatch(const Webhook &webhook, Tally &tally) {
    std::int64_t cursor = webhook.cursor;
    for (std::int64_t batch = 0; batch < policy_.max_feed_batches; ++batch) {
        auto events = ports_.feed.read_after(cursor, policy_.feed_batch);
        if (events.empty()) {
            return;
        }
        for (const auto &event : events) {
            if (!webhook_wants(webhook, event.type)) {
                continue;
            }
            DeliveryJob job;
            job.id = delivery_job_id(webhook.id, event.id);
            job.webhook_id = webhook.id;
            job.event_id = event.id;
            job.event_type = event.type;
            job.body = ports_.json.write(event_value(event));
            job.created_at_ms = job.due_at_ms = ports_.clock.now_ms();
            if (ports_.deliveries.create(job)) {
                ++tally.dispatched;
            }
        }
        // Jobs first, cursor after: a crash in between makes them again, as duplicates.
        if (!ports_.webhooks.advance_cursor(webhook.id, cursor, events.back().id)) {
            return;  // another dispatcher got there first and goes on from here
        }
        cursor = events.back().id;
        if (static_cast<std::int64_t>(events.size()) < policy_.feed_batch) {
            return;
        }
    }
}

void WebhookDeliverer::attempt(const DeliveryJob &job, const std::string &holder, Tally &tally) {
    std::int64_t started_ms = ports_.clock.now_ms();
    JobOutcome outcome;
    outcome.attempts = job.attempts;
    outcome.first_attempt_at_ms = job.first_attempt_at_ms.value_or(started_ms);
    auto webhook = ports_.webhooks.find(job.webhook_id);
    if (!webhook || !webhook->active) {
        outcome.state = DeliveryState::dropped;
        ports_.deliveries.finish(job.id, holder, outcome);
        return;
    }
    ++tally.attempted;
    HttpAnswer answer;
    try {
        std::string secret = ports_.sealer.open(webhook->sealed_secret);
        HttpRequest request;
        request.url = webhook->url;
        request.body = job.body;
        request.timeout_ms = policy_.timeout_ms;
        request.headers = {
            {"Content-Type", "application/json"},
            {"X-Libstore-Event", job.event_type},
            {"X-Libstore-Delivery", std::to_string(job.event_id)},
            {"X-Libstore-Signature",
             webhook_signature(ports_.signer, secret, started_ms / 1000, job.body)},
        };
        answer = ports_.sender.post(request);
    } catch (const Error &error) {
        // A secret sealed under another token secret: nothing to sign with, so nothing is sent;
        // it is retried (and logged) like any failure, in case the old secret comes back.
        answer = HttpAnswer{std::nullopt, error.what(), ""};
    }
    std::int64_t ended_ms = ports_.clock.now_ms();
    outcome.attempts = job.attempts + 1;
    bool delivered = is_success(answer);
    if (delivered) {
        outcome.state = DeliveryState::delivered;
    } else if (gives_up(policy_, outcome.first_attempt_at_ms, ended_ms)) {
        outcome.state = DeliveryState::failed;
    } else {
        outcome.state = DeliveryState::pending;
        outcome.due_at_ms = ended_ms + retry_delay_ms(policy_, outcome.attempts);
    }
    if (ports_.deliveries.finish(job.id, holder, outcome)) {
        if (outcome.state == DeliveryState::delivered) {
            ++tally.delivered;
        } else if (outcome.state == DeliveryState::failed) {
            ++tally.failed;
        } else {
            ++tally.retried;
        }
    }
    // Logged even when the outcome was refused (the lease had run out): the receiver did get it.
    DeliveryAttempt line;
    line.webhook_id = job.webhook_id;
    line.event_id = job.event_id;
    line.event_type = job.event_type;
    line.at_ms = started_ms;
    line.attempt = outcome.attempts;
    line.status_code = answer.status_code;
    if (!delivered) {
        line.error = answer.error.empty() ? "HTTP " + std::to_string(answer.status_code.value_or(0))
                                          : answer.error;
    }
    line.delivered = delivered;
    line.response_body = answer.body.substr(0, kMaxKeptResponseBytes);
    ports_.deliveries.record(line);
}

Value WebhookDeliverer::sweep(const std::function<bool()> &stop_requested) {
    Tally tally;
    for (const auto &webhook : ports_.webhooks.active()) {
        dispatch(webhook, tally);
    }
    std::string holder = ports_.random.generate();
    for (std::int64_t sent = 0; sent < policy_.max_sends; ++sent) {
        if (stop_requested && stop_requested()) {
            break;
        }
        std::int64_t now_ms = ports_.clock.now_ms();
        auto job = ports_.deliveries.take_due(now_ms, now_ms + policy_.lease_ms, holder);
        if (!job) {
            break;
        }
        attempt(*job, holder, tally);
    }
    auto next_due = ports_.deliveries.next_due_at();
    std::int64_t now_ms = ports_.clock.now_ms();
    Value report = Value::object();
    report.set("dispatched", tally.dispatched)
        .set("attempted", tally.attempted)
        .set("delivered", tally.delivered)
        .set("retried", tally.retried)
        .set("failed", tally.failed)
        .set("next_due_in_ms",
             next_due ? Value(*next_due > now_ms ? *next_due - now_ms : std::int64_t{0}) : Value());
    return report;
}

}  // namespace libstore
