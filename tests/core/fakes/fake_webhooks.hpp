// In-memory fakes of the webhook ports, with the adapters' contracts: the feed, webhooks with a
// compare-and-set cursor, delivery jobs leased by a conditional take and finished only by their
// holder, a scripted HTTP sender, and stand-ins for the signer, sealer and JSON writer.
#pragma once

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "core/ports/delivery_repository.hpp"
#include "core/ports/event_feed.hpp"
#include "core/ports/http_sender.hpp"
#include "core/ports/json_writer.hpp"
#include "core/ports/message_signer.hpp"
#include "core/ports/secret_sealer.hpp"
#include "core/ports/webhook_repository.hpp"

namespace libstore::testing {

class FakeEventFeed final : public EventFeed {
  public:
    std::int64_t add(const std::string &type) {
        Event event;
        event.id = first_id + static_cast<std::int64_t>(events.size());
        event.type = type;
        event.at_ms = 1'790'000'000'000 + event.id;
        event.data.set("n", event.id);
        events.push_back(event);
        return event.id;
    }
    std::vector<Event> read_after(std::int64_t after, std::int64_t limit) override {
        std::vector<Event> found;
        for (const auto &event : events) {
            if (event.id > after && static_cast<std::int64_t>(found.size()) < limit)
                found.push_back(event);
        }
        return found;
    }
    std::int64_t last_id() override { return events.empty() ? 0 : events.back().id; }

    std::vector<Event> events;
    std::int64_t first_id = 1;
};

class FakeWebhookRepository final : public WebhookRepository {
  public:
    std::string insert(const Webhook &webhook, const std::string &) override {
        char id[25];
        std::snprintf(id, sizeof id, "%024x", 0x200000u + ++next_id_);
        Webhook stored = webhook;
        stored.id = id;
        webhooks[stored.id] = stored;
        return stored.id;
    }
    std::optional<Webhook> find(const std::string &id) override {
        auto it = webhooks.find(id);
        return it == webhooks.end() ? std::nullopt : std::optional<Webhook>(it->second);
    }
    std::optional<Webhook> update(const Webhook &changed, const std::string &) override {
        auto it = webhooks.find(changed.id);
        if (it == webhooks.end())
            return std::nullopt;
        Webhook stored = changed;
        stored.created_at_ms = it->second.created_at_ms;
        stored.sealed_secret = it->second.sealed_secret;
        it->second = stored;
        return stored;
    }
    bool remove(const std::string &id) override { return webhooks.erase(id) > 0; }
    std::vector<Webhook> list(const WebhookQuery &query, std::int64_t fetch_limit) override {
        std::vector<Webhook> all;
        for (const auto &[id, webhook] : webhooks)
            all.push_back(webhook);
        std::sort(all.begin(), all.end(), [](const Webhook &a, const Webhook &b) {
            return a.created_at_ms != b.created_at_ms ? a.created_at_ms > b.created_at_ms
                                                      : a.id > b.id;
        });
        std::vector<Webhook> page;
        for (const auto &webhook : all) {
            if (query.before &&
                (webhook.created_at_ms > query.before->at_ms ||
                 (webhook.created_at_ms == query.before->at_ms && webhook.id >= query.before->id)))
                continue;
            if (static_cast<std::int64_t>(page.size()) < fetch_limit)
                page.push_back(webhook);
        }
        return page;
    }
    std::vector<Webhook> active() override {
        std::vector<Webhook> found;
        for (const auto &[id, webhook] : webhooks) {
            if (webhook.active)
                found.push_back(webhook);
        }
        return found;
    }
    bool advance_cursor(const std::string &id, std::int64_t from, std::int64_t to) override {
        auto it = webhooks.find(id);
        if (it == webhooks.end() || it->second.cursor != from)
            return false;
        it->second.cursor = to;
        return true;
    }

    std::map<std::string, Webhook> webhooks;

  private:
    unsigned next_id_ = 0;
};

class FakeDeliveryRepository final : public DeliveryRepository {
  public:
    bool create(const DeliveryJob &job) override { return jobs.emplace(job.id, job).second; }
    std::optional<DeliveryJob> take_due(std::int64_t now_ms, std::int64_t lease_until_ms,
                                        const std::string &holder) override {
        DeliveryJob *earliest = nullptr;
        for (auto &[id, job] : jobs) {
            if (job.state == DeliveryState::pending && job.due_at_ms <= now_ms &&
                (earliest == nullptr || job.due_at_ms < earliest->due_at_ms))
                earliest = &job;
        }
        if (earliest == nullptr)
            return std::nullopt;
        earliest->due_at_ms = lease_until_ms;
        earliest->holder = holder;
        return *earliest;
    }
    bool finish(const std::string &job_id, const std::string &holder,
                const JobOutcome &outcome) override {
        auto it = jobs.find(job_id);
        if (it == jobs.end() || it->second.holder != holder) {
            ++refused;
            return false;
        }
        DeliveryJob &job = it->second;
        job.state = outcome.state;
        job.attempts = outcome.attempts;
        job.first_attempt_at_ms = outcome.first_attempt_at_ms;
        job.due_at_ms = outcome.due_at_ms;
        job.holder.clear();
        return true;
    }
    std::optional<std::int64_t> next_due_at() override {
        std::optional<std::int64_t> earliest;
        for (const auto &[id, job] : jobs) {
            if (job.state == DeliveryState::pending && (!earliest || job.due_at_ms < *earliest))
                earliest = job.due_at_ms;
        }
        return earliest;
    }
    void record(const DeliveryAttempt &attempt) override {
        DeliveryAttempt stored = attempt;
        char id[25];
        std::snprintf(id, sizeof id, "%024zx", 0x300000u + log.size());
        stored.id = id;
        log.push_back(stored);
    }
    std::vector<DeliveryAttempt> attempts(const std::string &webhook_id, const WebhookQuery &query,
                                          std::int64_t fetch_limit) override {
        std::vector<DeliveryAttempt> found;
        for (auto it = log.rbegin(); it != log.rend(); ++it) {
            if (it->webhook_id != webhook_id)
                continue;
            if (query.before && (it->at_ms > query.before->at_ms ||
                                 (it->at_ms == query.before->at_ms && it->id >= query.before->id)))
                continue;
            if (static_cast<std::int64_t>(found.size()) < fetch_limit)
                found.push_back(*it);
        }
        return found;
    }
    void remove_webhook(const std::string &webhook_id) override {
        for (auto it = jobs.begin(); it != jobs.end();) {
            it = it->second.webhook_id == webhook_id ? jobs.erase(it) : std::next(it);
        }
        log.erase(
            std::remove_if(log.begin(), log.end(),
                           [&](const DeliveryAttempt &a) { return a.webhook_id == webhook_id; }),
            log.end());
    }
    std::optional<DeliveryJob> find(const std::string &job_id) override {
        auto it = jobs.find(job_id);
        return it == jobs.end() ? std::nullopt : std::optional<DeliveryJob>(it->second);
    }

    std::map<std::string, DeliveryJob> jobs;
    std::vector<DeliveryAttempt> log;
    int refused = 0;
};

// Answers from a script (200 once it runs out); `during_send` runs inside each send, so a test
// can act while a request is "in flight" (another sweep, the clock moving).
class FakeHttpSender final : public HttpSender {
  public:
    HttpAnswer post(const HttpRequest &request) override {
        requests.push_back(request);
        if (during_send)
            during_send(request);
        if (script.empty())
            return HttpAnswer{200, "", "ok"};
        HttpAnswer answer = script.front();
        script.pop_front();
        return answer;
    }
    void fail_next(int times, int status = 500) {
        for (int i = 0; i < times; ++i)
            script.push_back(HttpAnswer{status, "", "boom"});
    }

    std::deque<HttpAnswer> script;
    std::vector<HttpRequest> requests;
    std::function<void(const HttpRequest &)> during_send;
};

class FakeMessageSigner final : public MessageSigner {
  public:
    std::string hmac_sha256_hex(const std::string &key, const std::string &message) override {
        return "mac(" + key + "|" + message + ")";
    }
};

class FakeSecretSealer final : public SecretSealer {
  public:
    std::string seal(const std::string &secret) override { return "sealed:" + secret; }
    std::string open(const std::string &sealed) override {
        if (sealed.rfind("sealed:", 0) != 0)
            throw Error(ErrorCode::internal, "", "cannot open the webhook secret");
        return sealed.substr(7);
    }
};

// Enough JSON for events: {"id":n,"type":"..."}; the test only needs stable, distinct bytes.
class FakeJsonWriter final : public JsonWriter {
  public:
    std::string write(const Value &value) override {
        return "{\"id\":" + std::to_string(value.find("id")->as_integer()) + ",\"type\":\"" +
               value.find("type")->as_string() + "\"}";
    }
};

}  // namespace libstore::testing
