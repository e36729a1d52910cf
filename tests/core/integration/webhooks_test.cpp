// Webhook delivery over the real adapters (MongoDB repositories, libsodium, libcurl) to a
// loopback receiver: every event arrives with a signature that verifies with the secret shown
// at creation, failures are retried with growing gaps (read from the delivery log), transport
// rules of the sender (private addresses at connect time, no redirects, 1 KiB of answer), and
// two stores sweeping at once never sending one delivery twice at the same time. The feed is an
// in-memory one with ids above the store's own, so the tests do not depend on what else emits
// events. Run in both transaction modes.
#include <gtest/gtest.h>

#include <sodium.h>

#include <set>
#include <thread>

#include "adapters/crypto/sodium_message_signer.hpp"
#include "adapters/crypto/sodium_opaque_tokens.hpp"
#include "adapters/crypto/sodium_secret_sealer.hpp"
#include "adapters/http/curl_http_sender.hpp"
#include "adapters/json/json_text_writer.hpp"
#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_delivery_repository.hpp"
#include "adapters/mongo/mongo_webhook_repository.hpp"
#include "code_of.hpp"
#include "core/error.hpp"
#include "core/events/event.hpp"
#include "core/timestamp.hpp"
#include "core/webhooks/delivery_policy.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"
#include "fakes/fake_webhooks.hpp"
#include "loopback_receiver.hpp"

namespace libstore::testing {
namespace {

std::string hmac_hex(const std::string &key, const std::string &message) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

// A deliverer over the real adapters and the test's feed: what Store::deliverer() is, with the
// feed swapped.
struct RealDeliverer {
    explicit RealDeliverer(const StoreConfig &config, EventFeed &feed, DeliveryPolicy policy)
        : pool(std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                   config.server_selection_timeout_ms)),
          webhooks(pool),
          deliveries(pool),
          sender(policy.allow_private, "libstore/test"),
          sealer(config.token_secret),
          deliverer(DelivererPorts{feed, webhooks, deliveries, sender, signer, sealer, json, random,
                                   clock},
                    policy) {}

    std::shared_ptr<mongo::ClientPool> pool;
    mongo::MongoWebhookRepository webhooks;
    mongo::MongoDeliveryRepository deliveries;
    http::CurlHttpSender sender;
    crypto::SodiumMessageSigner signer;
    crypto::SodiumSecretSealer sealer;
    json::JsonTextWriter json;
    crypto::SodiumOpaqueTokens random;
    SystemClock clock;
    WebhookDeliverer deliverer;
};

class WebhooksIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        StoreConfig config = test_store_config();
        config.webhook_allow_private = true;
        store_ = open_store(config);
        store_->accounts().create_admin(registration("hooks_admin"));
        admin_ = login("hooks_admin");
        feed_.first_id = 1'000'000'000;
        policy_.allow_private = true;
        policy_.timeout_ms = 2000;
        policy_.lease_ms = 5000;
        policy_.retry_initial_ms = 40;
        policy_.retry_max_ms = 2000;
    }

    Value create_webhook(const std::string &url) {
        Value events = Value::array();
        events.push_back("*");
        Value body = Value::object();
        body.set("url", url).set("events", events);
        return store_->webhooks().create(admin_, body);
    }

    // Sweeps until nothing waits, waiting out each reported next_due_in_ms (as a host's
    // background deliverer does); at most `max` sweeps.
    void deliver_all(WebhookDeliverer &deliverer, int max = 50) {
        for (int i = 0; i < max; ++i) {
            Value report = deliverer.sweep();
            const Value *next = report.find("next_due_in_ms");
            if (next->is_null()) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(next->as_integer()));
        }
        FAIL() << "deliveries still waiting after " << max << " sweeps";
    }

    Session admin_;
    FakeEventFeed feed_;
    DeliveryPolicy policy_;
};

TEST_F(WebhooksIntegrationTest, EveryEventArrivesSignedAfterBackedOffRetries) {
    constexpr int kFailures = 3;
    LoopbackReceiver receiver([](const ReceivedRequest &, int earlier) {
        return earlier < kFailures ? answer_with(503, "not yet") : ReceiverAnswer{};
    });
    Value webhook = create_webhook(receiver.url());
    std::string secret = webhook.find("secret")->as_string();
    std::string id = webhook.find("id")->as_string();
    std::set<std::string> sent_ids;
    for (const char *type : {kEventOrderPlaced, kEventOrderCancelled}) {
        sent_ids.insert(std::to_string(feed_.add(type)));
    }
    RealDeliverer real(test_store_config(), feed_, policy_);
    deliver_all(real.deliverer);

    std::set<std::string> delivered_ids;
    for (const auto &request : receiver.requests()) {
        EXPECT_EQ(request.method, "POST");
        EXPECT_EQ(request.target, "/hook");
        EXPECT_EQ(request.headers.at("content-type"), "application/json");
        EXPECT_EQ(request.headers.at("user-agent"), "libstore/test");
        const std::string &signature = request.headers.at("x-libstore-signature");
        std::size_t comma = signature.find(",v1=");
        ASSERT_EQ(signature.rfind("t=", 0), 0u);
        ASSERT_NE(comma, std::string::npos);
        std::string t = signature.substr(2, comma - 2);
        EXPECT_EQ(signature.substr(comma + 4), hmac_hex(secret, t + "." + request.body));
        EXPECT_NE(request.body.find("\"type\":\"" + request.headers.at("x-libstore-event") + "\""),
                  std::string::npos);
        delivered_ids.insert(request.headers.at("x-libstore-delivery"));
    }
    EXPECT_EQ(delivered_ids, sent_ids);
    EXPECT_EQ(receiver.requests().size(), sent_ids.size() * (kFailures + 1));

    Value query = Value::object();
    query.set("limit", 100);
    Value log = store_->webhooks().deliveries(admin_, id, query);
    const auto &items = log.find("items")->as_array();
    ASSERT_EQ(items.size(), sent_ids.size() * (kFailures + 1));
    for (const auto &event_id : sent_ids) {
        // Oldest first, this event's attempts.
        std::vector<Value> attempts;
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
            if (std::to_string(it->find("event_id")->as_integer()) == event_id)
                attempts.push_back(*it);
        }
        ASSERT_EQ(attempts.size(), static_cast<std::size_t>(kFailures + 1));
        std::vector<std::int64_t> at;
        for (std::size_t k = 0; k < attempts.size(); ++k) {
            EXPECT_EQ(attempts[k].find("attempt")->as_integer(), static_cast<std::int64_t>(k) + 1);
            bool last = k + 1 == attempts.size();
            EXPECT_EQ(attempts[k].find("status_code")->as_integer(), last ? 200 : 503);
            EXPECT_EQ(attempts[k].find("delivered")->as_bool(), last);
            EXPECT_EQ(attempts[k].find("response_body")->as_string(), last ? "ok" : "not yet");
            at.push_back(*parse_rfc3339(attempts[k].find("at")->as_string()));
        }
        // Each wait is at least its backoff step (40, 80, 160 ms), so the gaps grow.
        for (std::size_t k = 1; k < at.size(); ++k) {
            EXPECT_GE(at[k] - at[k - 1], retry_delay_ms(policy_, static_cast<std::int64_t>(k)))
                << "gap " << k;
        }
        EXPECT_GT(at[3] - at[2], at[1] - at[0]);
    }
}

TEST_F(WebhooksIntegrationTest, TwoStoresSweepingAtOnceNeverSendOneDeliveryTwiceAtATime) {
    LoopbackReceiver receiver([](const ReceivedRequest &, int earlier) {
        ReceiverAnswer answer = answer_with(earlier == 0 ? 500 : 200, "x");
        answer.hold = std::chrono::milliseconds(15);
        return answer;
    });
    create_webhook(receiver.url());
    constexpr int kEvents = 12;
    for (int i = 0; i < kEvents; ++i) {
        feed_.add(kEventOrderPlaced);
    }
    policy_.retry_initial_ms = 1;
    RealDeliverer first(test_store_config(), feed_, policy_);
    RealDeliverer second(test_store_config(), feed_, policy_);
    auto run = [&](RealDeliverer &real) { deliver_all(real.deliverer, 200); };
    std::thread a(run, std::ref(first));
    std::thread b(run, std::ref(second));
    a.join();
    b.join();
    EXPECT_EQ(receiver.most_in_flight_for_one_id(), 1);
    std::map<std::string, int> per_id;
    for (const auto &request : receiver.requests()) {
        ++per_id[request.headers.at("x-libstore-delivery")];
    }
    EXPECT_EQ(per_id.size(), static_cast<std::size_t>(kEvents));
    for (const auto &[event_id, count] : per_id) {
        EXPECT_EQ(count, 2) << event_id;  // the failure, then the success: never more
    }
}

TEST_F(WebhooksIntegrationTest, TheSenderRefusesPrivateAddressesAtConnectTime) {
    LoopbackReceiver receiver([](const ReceivedRequest &, int) { return ReceiverAnswer{}; });
    http::CurlHttpSender strict(false, "libstore/test");
    HttpRequest request;
    request.body = "{}";
    request.timeout_ms = 2000;
    // A name that resolves to loopback, past the URL check: refused on the address itself.
    for (const std::string &url :
         {receiver.url(), "http://localhost:" + std::to_string(receiver.port()) + "/hook"}) {
        request.url = url;
        HttpAnswer answer = strict.post(request);
        EXPECT_FALSE(answer.status_code.has_value()) << url;
        EXPECT_NE(answer.error.find("private"), std::string::npos) << answer.error;
    }
    EXPECT_TRUE(receiver.requests().empty());
    request.url = "ftp://127.0.0.1/";
    EXPECT_FALSE(strict.post(request).status_code.has_value());
}

TEST_F(WebhooksIntegrationTest, RedirectsAreNotFollowedAndAnswersAreCutAt1KiB) {
    LoopbackReceiver receiver([&](const ReceivedRequest &request, int) {
        if (request.target == "/moved") {
            ReceiverAnswer moved = answer_with(302, "see elsewhere");
            moved.headers.push_back({"Location", "/hook"});
            return moved;
        }
        return answer_with(200, std::string(5000, 'a'));
    });
    http::CurlHttpSender sender(true, "libstore/test");
    HttpRequest request;
    request.timeout_ms = 2000;
    request.url = receiver.url("/moved");
    HttpAnswer moved = sender.post(request);
    EXPECT_EQ(moved.status_code.value_or(0), 302);
    EXPECT_EQ(receiver.requests().size(), 1u);
    request.url = receiver.url("/hook");
    HttpAnswer big = sender.post(request);
    EXPECT_EQ(big.status_code.value_or(0), 200);
    EXPECT_EQ(big.body.size(), kMaxKeptResponseBytes);
}

TEST_F(WebhooksIntegrationTest, TheStoresOwnDelivererDeliversItsOutbox) {
    LoopbackReceiver receiver([](const ReceivedRequest &, int) { return ReceiverAnswer{}; });
    Value webhook = create_webhook(receiver.url());
    store_->accounts().register_user(registration("newcomer"));
    Value report = store_->deliverer().sweep();
    EXPECT_EQ(report.find("dispatched")->as_integer(), 1);
    EXPECT_EQ(report.find("delivered")->as_integer(), 1);
    auto requests = receiver.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].headers.at("x-libstore-event"), kEventUserRegistered);
    EXPECT_NE(requests[0].body.find("newcomer"), std::string::npos);
    // The admin registered before the webhook existed: not delivered.
    EXPECT_EQ(store_->deliverer().sweep().find("dispatched")->as_integer(), 0);
}

TEST_F(WebhooksIntegrationTest, AdministrationOverMongo) {
    Value webhook = create_webhook("https://hooks.example.com/a");
    std::string id = webhook.find("id")->as_string();
    EXPECT_EQ(webhook.find("secret")->as_string().rfind("whsec_", 0), 0u);
    Value shown = store_->webhooks().get(admin_, id);
    EXPECT_EQ(shown.find("secret"), nullptr);
    EXPECT_EQ(shown.find("url")->as_string(), "https://hooks.example.com/a");
    Value changes = Value::object();
    Value events = Value::array();
    events.push_back("order.placed");
    changes.set("events", events).set("active", false);
    Value updated = store_->webhooks().update(admin_, id, changes);
    EXPECT_FALSE(updated.find("active")->as_bool());
    EXPECT_EQ(updated.find("events")->as_array().size(), 1u);
    create_webhook("https://hooks.example.com/b");
    Value query = Value::object();
    query.set("limit", 1);
    Value page = store_->webhooks().list(admin_, query);
    ASSERT_EQ(page.find("items")->as_array().size(), 1u);
    query.set("cursor", page.find("next_cursor")->as_string());
    Value rest = store_->webhooks().list(admin_, query);
    ASSERT_EQ(rest.find("items")->as_array().size(), 1u);
    EXPECT_EQ(rest.find("items")->as_array()[0].find("id")->as_string(), id);
    store_->webhooks().remove(admin_, id);
    EXPECT_EQ(code_of([&] { store_->webhooks().get(admin_, id); }), ErrorCode::not_found);
    // The store itself refuses private targets unless opened with webhook_allow_private.
    std::unique_ptr<Store> strict = open_store(test_store_config());
    Value body = Value::object();
    Value all = Value::array();
    all.push_back("*");
    body.set("url", "http://127.0.0.1:8080/").set("events", all);
    std::string field;
    EXPECT_EQ(
        code_of([&] { strict->webhooks().create(login(*strict, "hooks_admin"), body); }, &field),
        ErrorCode::invalid_argument);
    EXPECT_EQ(field, "url");
    Value report = store_->deliverer().sweep();
    EXPECT_EQ(report.find("attempted")->as_integer(), 0);
}

}  // namespace
}  // namespace libstore::testing
