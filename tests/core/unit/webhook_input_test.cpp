// Webhook input rules: the URL (absolute http(s), a host, no user info, no private targets
// unless allowed), the event list, active, unknown fields; and the backoff arithmetic.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/error.hpp"
#include "core/webhooks/delivery_policy.hpp"
#include "core/webhooks/webhook_input.hpp"
#include "core/webhooks/webhook_url.hpp"

namespace libstore::testing {
namespace {

std::string field_of(const std::function<void()> &call) {
    try {
        call();
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        return error.field();
    }
    return "<no error>";
}

Value body(const std::string &url, Value events = Value::array()) {
    if (events.as_array().empty()) {
        events.push_back("order.placed");
    }
    Value made = Value::object();
    made.set("url", url).set("events", std::move(events));
    return made;
}

TEST(WebhookUrl, TakesPublicHttpAndHttpsUrls) {
    EXPECT_EQ(check_webhook_url("https://hooks.example.com/libstore?x=1", false),
              "hooks.example.com");
    EXPECT_EQ(check_webhook_url("HTTP://example.com:8080/a", false), "example.com");
    EXPECT_EQ(check_webhook_url("https://[2001:db8::1]:443/", false), "2001:db8::1");
    EXPECT_EQ(check_webhook_url("http://8.8.8.8/", false), "8.8.8.8");
}

TEST(WebhookUrl, RefusesWhatIsNotAnAbsoluteWebUrl) {
    for (const char *url :
         {"ftp://example.com/", "example.com/hook", "https://", "https:///path",
          "javascript:alert(1)", "https://exa mple.com/", "https://a:b@example.com/",
          "https://user@example.com/", "https://example.com:80x/", "https://[::1/"}) {
        EXPECT_EQ(field_of([&] { check_webhook_url(url, true); }), "url") << url;
    }
    EXPECT_EQ(field_of([&] { check_webhook_url("https://e.com/" + std::string(2048, 'a'), true); }),
              "url");
}

TEST(WebhookUrl, RefusesPrivateTargetsUnlessAllowed) {
    for (const char *url :
         {"http://localhost/", "http://LOCALHOST.:8080/", "http://api.localhost/",
          "http://127.0.0.1/", "http://127.255.1.2/", "http://10.1.2.3/", "http://172.16.0.1/",
          "http://172.31.255.255/", "http://192.168.1.1/",
          "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://100.64.0.1/",
          "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fd00::1]/",
          "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/"}) {
        EXPECT_EQ(field_of([&] { check_webhook_url(url, false); }), "url") << url;
        EXPECT_NO_THROW(check_webhook_url(url, true)) << url;
    }
    EXPECT_NO_THROW(check_webhook_url("http://172.32.0.1/", false));
    EXPECT_NO_THROW(check_webhook_url("http://192.169.0.1/", false));
}

TEST(WebhookInput, ReadsANewWebhook) {
    Value events = Value::array();
    events.push_back("order.placed");
    events.push_back("voucher.used_up");
    Webhook webhook = parse_new_webhook(body("https://example.com/h", events), false);
    EXPECT_EQ(webhook.url, "https://example.com/h");
    EXPECT_EQ(webhook.events, (std::vector<std::string>{"order.placed", "voucher.used_up"}));
    EXPECT_TRUE(webhook.active);
    EXPECT_TRUE(webhook_wants(webhook, "order.placed"));
    EXPECT_FALSE(webhook_wants(webhook, "order.cancelled"));
    Value every = Value::array();
    every.push_back("*");
    EXPECT_TRUE(
        webhook_wants(parse_new_webhook(body("https://e.com/", every), false), "user.registered"));
}

TEST(WebhookInput, NamesTheBadField) {
    auto with_events = [](std::initializer_list<Value> items) {
        Value events = Value::array();
        for (const auto &item : items) {
            events.push_back(item);
        }
        return body("https://example.com/", events);
    };
    Value empty = body("https://example.com/");
    empty.set("events", Value::array());
    EXPECT_EQ(field_of([&] { parse_new_webhook(empty, false); }), "events");
    EXPECT_EQ(field_of([&] { parse_new_webhook(with_events({"order.shipped"}), false); }),
              "events");
    EXPECT_EQ(field_of([&] {
                  parse_new_webhook(with_events({"order.placed", "order.placed"}), false);
              }),
              "events");
    EXPECT_EQ(field_of([&] { parse_new_webhook(with_events({Value(3)}), false); }), "events");
    Value no_url = Value::object();
    Value star = Value::array();
    star.push_back("*");
    no_url.set("events", star);
    EXPECT_EQ(field_of([&] { parse_new_webhook(no_url, false); }), "url");
    Value bad_active = body("https://example.com/");
    bad_active.set("active", "yes");
    EXPECT_EQ(field_of([&] { parse_new_webhook(bad_active, false); }), "active");
    Value unknown = body("https://example.com/");
    unknown.set("secret", "mine");
    EXPECT_EQ(field_of([&] { parse_new_webhook(unknown, false); }), "secret");
    EXPECT_EQ(field_of([&] { parse_new_webhook(body("http://127.0.0.1:9/"), false); }), "url");
    EXPECT_EQ(field_of([&] { parse_webhook_changes(Value::object(), false); }), "");
    Value null_url = Value::object();
    null_url.set("url", Value());
    EXPECT_EQ(field_of([&] { parse_webhook_changes(null_url, false); }), "url");
}

TEST(DeliveryPolicy, BacksOffDoublingUpToTheCap) {
    DeliveryPolicy policy;
    std::vector<std::int64_t> seconds;
    for (std::int64_t k = 1; k <= 14; ++k) {
        seconds.push_back(retry_delay_ms(policy, k) / 1000);
    }
    EXPECT_EQ(seconds, (std::vector<std::int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048,
                                                  3600, 3600}));
    EXPECT_EQ(retry_delay_ms(policy, 1'000'000), 3'600'000);
    EXPECT_FALSE(gives_up(policy, 0, 86'400'000 - 1));
    EXPECT_TRUE(gives_up(policy, 0, 86'400'000));
}

}  // namespace
}  // namespace libstore::testing
