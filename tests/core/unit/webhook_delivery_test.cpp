// WebhookService and WebhookDeliverer over in-memory fakes, a manual clock and a scripted
// sender: admin-only administration and its audit, the secret shown once, dispatch from the
// cursor, the backoff series and giving up, leases between concurrent sweeps, and webhooks that
// are inactive or deleted getting nothing.
#include <gtest/gtest.h>

#include <set>

#include "code_of.hpp"
#include "core/events/event.hpp"
#include "core/webhooks/webhook_deliverer.hpp"
#include "core/webhooks/webhook_service.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/fake_webhooks.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

class WebhookDeliveryTest : public ::testing::Test {
  protected:
    WebhookDeliveryTest()
        : audit_(audit_entries_, clock_),
          service_(WebhookPorts{webhooks_, deliveries_, feed_, sealer_, random_, clock_,
                                authenticator_, audit_},
                   false),
          deliverer_(deliverer_ports(), policy_) {}

    DelivererPorts deliverer_ports() {
        return DelivererPorts{feed_,   webhooks_, deliveries_, sender_, signer_,
                              sealer_, json_,     random_,     clock_};
    }

    Value create(std::initializer_list<const char *> events = {"*"}) {
        Value list = Value::array();
        for (const char *type : events) {
            list.push_back(type);
        }
        Value body = Value::object();
        body.set("url", "https://hooks.example.com/in").set("events", list);
        return service_.create(admin_session(), body);
    }

    std::string id_of(const Value &webhook) { return webhook.find("id")->as_string(); }

    std::int64_t count(const Value &report, const char *key) {
        return report.find(key)->as_integer();
    }

    // Sweeps, moving the clock to each next due time, until nothing waits (at most `max`).
    std::vector<Value> sweep_until_idle(int max = 100) {
        std::vector<Value> reports;
        for (int i = 0; i < max; ++i) {
            Value report = deliverer_.sweep();
            reports.push_back(report);
            const Value *next = report.find("next_due_in_ms");
            if (next->is_null()) {
                break;
            }
            clock_.advance_ms(next->as_integer());
        }
        return reports;
    }

    ManualClock clock_;
    FakeAuthenticator authenticator_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
    FakeEventFeed feed_;
    FakeWebhookRepository webhooks_;
    FakeDeliveryRepository deliveries_;
    FakeHttpSender sender_;
    FakeMessageSigner signer_;
    FakeSecretSealer sealer_;
    FakeJsonWriter json_;
    FakeOpaqueTokens random_;
    DeliveryPolicy policy_;
    WebhookService service_;
    WebhookDeliverer deliverer_;
};

TEST_F(WebhookDeliveryTest, OnlyAdminsManageWebhooksAndEveryWriteIsAudited) {
    Session staff = client_session();
    staff.role = Role::staff;
    staff.permissions = effective_permissions(Role::admin, {});
    Value body = Value::object();
    Value all = Value::array();
    all.push_back("*");
    body.set("url", "https://hooks.example.com/").set("events", all);
    EXPECT_EQ(code_of([&] { service_.create(staff, body); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { service_.create(client_session(), body); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { service_.list(staff, Value::object()); }), ErrorCode::forbidden);

    Value created = create();
    std::string id = id_of(created);
    Value changes = Value::object();
    changes.set("active", false);
    service_.update(admin_session(), id, changes);
    service_.remove(admin_session(), id);
    std::vector<std::string> actions;
    for (const auto &[key, stored] : audit_entries_.entries) {
        actions.push_back(stored.entry.action);
        EXPECT_EQ(stored.entry.target_type, "webhook");
        EXPECT_EQ(stored.entry.target_id, id);
        EXPECT_FALSE(stored.pending);
    }
    EXPECT_EQ(actions,
              (std::vector<std::string>{"webhook.create", "webhook.update", "webhook.delete"}));
    EXPECT_EQ(code_of([&] { service_.get(admin_session(), id); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { service_.get(admin_session(), "nope"); }), ErrorCode::not_found);
}

TEST_F(WebhookDeliveryTest, TheSecretIsShownOnceAndKeptSealed) {
    Value created = create();
    const Value *secret = created.find("secret");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->as_string().rfind("whsec_", 0), 0u);
    Webhook stored = *webhooks_.find(id_of(created));
    EXPECT_EQ(stored.sealed_secret, "sealed:" + secret->as_string());
    EXPECT_EQ(service_.get(admin_session(), id_of(created)).find("secret"), nullptr);
    Value page = service_.list(admin_session(), Value::object());
    EXPECT_EQ(page.find("items")->as_array().at(0).find("secret"), nullptr);
}

TEST_F(WebhookDeliveryTest, ANewWebhookGetsOnlyWhatHappensAfterItAndSignsEachSend) {
    feed_.add(kEventOrderPlaced);  // before the webhook: not delivered
    Value created = create({"order.placed", "order.cancelled"});
    std::int64_t placed = feed_.add(kEventOrderPlaced);
    feed_.add(kEventProductCreated);  // not subscribed
    std::int64_t cancelled = feed_.add(kEventOrderCancelled);

    Value report = deliverer_.sweep();
    EXPECT_EQ(count(report, "dispatched"), 2);
    EXPECT_EQ(count(report, "attempted"), 2);
    EXPECT_EQ(count(report, "delivered"), 2);
    EXPECT_TRUE(report.find("next_due_in_ms")->is_null());
    ASSERT_EQ(sender_.requests.size(), 2u);
    std::set<std::string> delivered_ids;
    for (const auto &request : sender_.requests) {
        std::map<std::string, std::string> headers(request.headers.begin(), request.headers.end());
        delivered_ids.insert(headers["X-Libstore-Delivery"]);
        EXPECT_EQ(headers["Content-Type"], "application/json");
        std::string t = std::to_string(clock_.now_ms() / 1000);
        EXPECT_EQ(headers["X-Libstore-Signature"], "t=" + t + ",v1=mac(" +
                                                       created.find("secret")->as_string() + "|" +
                                                       t + "." + request.body + ")");
        EXPECT_EQ(request.body, "{\"id\":" + headers["X-Libstore-Delivery"] + ",\"type\":\"" +
                                    headers["X-Libstore-Event"] + "\"}");
        EXPECT_EQ(request.timeout_ms, policy_.timeout_ms);
    }
    EXPECT_EQ(delivered_ids,
              (std::set<std::string>{std::to_string(placed), std::to_string(cancelled)}));
    // Nothing is sent twice: the cursor moved past them and the jobs are delivered.
    Value again = deliverer_.sweep();
    EXPECT_EQ(count(again, "dispatched"), 0);
    EXPECT_EQ(count(again, "attempted"), 0);
    EXPECT_EQ(webhooks_.find(id_of(created))->cursor, cancelled);
}

TEST_F(WebhookDeliveryTest, RetriesBackOffDoublingToTheCapThenGiveUpAfterADay) {
    create();
    std::int64_t event = feed_.add(kEventOrderPlaced);
    sender_.fail_next(1000, 503);
    std::int64_t started = clock_.now_ms();
    auto reports = sweep_until_idle(200);
    auto job = *deliveries_.find(delivery_job_id(webhooks_.webhooks.begin()->first, event));
    EXPECT_EQ(job.state, DeliveryState::failed);
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < deliveries_.log.size(); ++i) {
        gaps.push_back((deliveries_.log[i].at_ms - deliveries_.log[i - 1].at_ms) / 1000);
    }
    ASSERT_GE(gaps.size(), 14u);
    EXPECT_EQ(
        std::vector<std::int64_t>(gaps.begin(), gaps.begin() + 14),
        (std::vector<std::int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600}));
    for (std::size_t i = 12; i < gaps.size(); ++i) {
        EXPECT_EQ(gaps[i], 3600);
    }
    // The last attempt is the first at or past 24 h after the first one; the one before was not.
    EXPECT_GE(deliveries_.log.back().at_ms - started, policy_.give_up_ms);
    EXPECT_LT(deliveries_.log[deliveries_.log.size() - 2].at_ms - started, policy_.give_up_ms);
    for (std::size_t i = 0; i < deliveries_.log.size(); ++i) {
        EXPECT_EQ(deliveries_.log[i].attempt, static_cast<std::int64_t>(i) + 1);
        EXPECT_EQ(deliveries_.log[i].status_code, 503);
        EXPECT_FALSE(deliveries_.log[i].delivered);
        EXPECT_EQ(*deliveries_.log[i].error, "HTTP 503");
    }
    EXPECT_EQ(count(reports.back(), "failed"), 1);
    EXPECT_TRUE(reports.back().find("next_due_in_ms")->is_null());
}

TEST_F(WebhookDeliveryTest, AFailedDeliveryDoesNotHoldBackLaterEvents) {
    Value created = create();
    policy_.give_up_ms = 5'000;
    WebhookDeliverer impatient(deliverer_ports(), policy_);
    std::int64_t first = feed_.add(kEventOrderPlaced);
    sender_.script.push_back(HttpAnswer{std::nullopt, "connection refused", ""});
    impatient.sweep();
    clock_.advance_ms(10'000);
    sender_.script.push_back(HttpAnswer{std::nullopt, "connection refused", ""});
    std::int64_t second = feed_.add(kEventOrderStatusChanged);
    Value report = impatient.sweep();
    EXPECT_EQ(count(report, "failed"), 1);
    EXPECT_EQ(count(report, "delivered"), 1);
    EXPECT_EQ(deliveries_.find(delivery_job_id(id_of(created), first))->state,
              DeliveryState::failed);
    EXPECT_EQ(deliveries_.find(delivery_job_id(id_of(created), second))->state,
              DeliveryState::delivered);
    EXPECT_FALSE(deliveries_.log.front().status_code.has_value());
    EXPECT_EQ(*deliveries_.log.front().error, "connection refused");
}

TEST_F(WebhookDeliveryTest, TwoSweepsNeverSendOneJobAtTheSameTime) {
    create();
    for (int i = 0; i < 5; ++i) {
        feed_.add(kEventOrderPlaced);
    }
    WebhookDeliverer other(deliverer_ports(), policy_);
    std::map<std::string, int> in_flight;
    int most_at_once = 0;
    int nested_sweeps = 0;
    sender_.during_send = [&](const HttpRequest &request) {
        std::string id;
        for (const auto &[name, value] : request.headers) {
            if (name == "X-Libstore-Delivery")
                id = value;
        }
        most_at_once = std::max(most_at_once, ++in_flight[id]);
        // While this request is in flight, another process sweeps the same repository.
        if (nested_sweeps++ == 0) {
            other.sweep();
        }
        --in_flight[id];
    };
    deliverer_.sweep();
    EXPECT_EQ(most_at_once, 1);
    EXPECT_EQ(sender_.requests.size(), 5u);
    for (const auto &[id, job] : deliveries_.jobs) {
        EXPECT_EQ(job.state, DeliveryState::delivered) << id;
    }
}

TEST_F(WebhookDeliveryTest, AnExpiredLeaseIsTakenOverAndTheLateHolderIsRefused) {
    Value created = create();
    std::int64_t event = feed_.add(kEventOrderPlaced);
    WebhookDeliverer other(deliverer_ports(), policy_);
    bool first_send = true;
    // Answers in the order they are popped: the nested sweep's send returns first.
    sender_.script.push_back(HttpAnswer{200, "", "ok"});
    sender_.script.push_back(HttpAnswer{500, "", "slow and failing"});
    sender_.during_send = [&](const HttpRequest &) {
        if (!first_send)
            return;
        first_send = false;
        // The first holder hangs past its lease; the other sweep takes the job and delivers it.
        clock_.advance_ms(policy_.lease_ms + 1);
        Value report = other.sweep();
        EXPECT_EQ(count(report, "delivered"), 1);
    };
    Value report = deliverer_.sweep();
    EXPECT_EQ(count(report, "attempted"), 1);
    EXPECT_EQ(count(report, "retried"), 0);  // its outcome was refused
    EXPECT_EQ(deliveries_.refused, 1);
    auto job = *deliveries_.find(delivery_job_id(id_of(created), event));
    EXPECT_EQ(job.state, DeliveryState::delivered);
    EXPECT_EQ(job.attempts, 1);
    EXPECT_EQ(sender_.requests.size(), 2u);  // at least once: both really went out
}

TEST_F(WebhookDeliveryTest, InactiveAndDeletedWebhooksGetNothing) {
    Value paused = create();
    Value deleted = create();
    Value live = create();
    Value off = Value::object();
    off.set("active", false);
    Value on = Value::object();
    on.set("active", true);
    service_.update(admin_session(), id_of(paused), off);
    service_.remove(admin_session(), id_of(deleted));
    feed_.add(kEventOrderPlaced);
    Value report = deliverer_.sweep();
    EXPECT_EQ(count(report, "dispatched"), 1);
    ASSERT_EQ(sender_.requests.size(), 1u);
    EXPECT_EQ(deliveries_.jobs.begin()->second.webhook_id, id_of(live));

    // A retry still waiting when its webhook is deactivated is dropped, not sent.
    sender_.fail_next(1);
    std::int64_t failing = feed_.add(kEventOrderPlaced);
    deliverer_.sweep();
    EXPECT_EQ(sender_.requests.size(), 2u);
    service_.update(admin_session(), id_of(live), off);
    clock_.advance_ms(policy_.retry_max_ms);
    report = deliverer_.sweep();
    EXPECT_EQ(count(report, "attempted"), 0);
    EXPECT_EQ(sender_.requests.size(), 2u);
    EXPECT_EQ(deliveries_.find(delivery_job_id(id_of(live), failing))->state,
              DeliveryState::dropped);
    EXPECT_TRUE(report.find("next_due_in_ms")->is_null());

    // Reactivated, a webhook gets what happens from then on, not what it missed.
    feed_.add(kEventOrderCancelled);
    service_.update(admin_session(), id_of(paused), on);
    std::int64_t after = feed_.add(kEventOrderPlaced);
    report = deliverer_.sweep();
    EXPECT_EQ(count(report, "delivered"), 1);
    ASSERT_EQ(sender_.requests.size(), 3u);
    EXPECT_EQ(deliveries_.find(delivery_job_id(id_of(paused), after))->state,
              DeliveryState::delivered);
    // Deleting a webhook takes its jobs and log with it.
    service_.remove(admin_session(), id_of(live));
    for (const auto &[id, job] : deliveries_.jobs) {
        EXPECT_NE(job.webhook_id, id_of(live));
    }
}

TEST_F(WebhookDeliveryTest, TheDeliveryLogPagesNewestFirst) {
    Value created = create();
    for (int i = 0; i < 3; ++i) {
        feed_.add(kEventOrderPlaced);
        clock_.advance_ms(1000);
        deliverer_.sweep();
    }
    Value query = Value::object();
    query.set("limit", 2);
    Value page = service_.deliveries(admin_session(), id_of(created), query);
    const auto &items = page.find("items")->as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].find("event_id")->as_integer(), 3);
    EXPECT_EQ(items[1].find("event_id")->as_integer(), 2);
    EXPECT_TRUE(items[0].find("delivered")->as_bool());
    EXPECT_TRUE(items[0].find("error")->is_null());
    EXPECT_EQ(items[0].find("status_code")->as_integer(), 200);
    query.set("cursor", page.find("next_cursor")->as_string());
    Value rest = service_.deliveries(admin_session(), id_of(created), query);
    ASSERT_EQ(rest.find("items")->as_array().size(), 1u);
    EXPECT_TRUE(rest.find("next_cursor")->is_null());
    EXPECT_EQ(
        code_of([&] { service_.deliveries(admin_session(), "000000000000000000000000", query); }),
        ErrorCode::not_found);
}

}  // namespace
}  // namespace libstore::testing
