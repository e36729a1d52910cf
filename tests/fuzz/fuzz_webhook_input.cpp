// The webhook input parsers (lib/core/webhooks/webhook_input, webhook_url) behind
// store_webhook_create/update() and the list queries. The first byte picks the parser and
// whether private targets are allowed; the rest is JSON for the ABI's codec. Accepted input must
// obey API.md's rules: an absolute http(s) URL of at most 2048 bytes with a host and no user
// info (and, unless allowed, no loopback or private literal), a non-empty list of known event
// types or "*" without repeats.
#include <cstdint>
#include <set>
#include <string>

#include "adapters/json/json_codec.hpp"
#include "core/events/event.hpp"
#include "core/validation/web_url.hpp"
#include "core/webhooks/webhook_input.hpp"
#include "core/webhooks/webhook_url.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
using libstore::Value;
namespace fuzz = libstore::fuzz;

void check_url(const std::string &url, bool allow_private) {
    fuzz::check(url.size() <= libstore::kMaxWebhookUrlBytes, "url too long");
    fuzz::check(libstore::is_web_url(url), "url not an absolute web URL", url);
    std::size_t start = url.find("://") + 3;
    std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
    fuzz::check(authority.find('@') == std::string::npos, "url with user info", url);
    // The check is a function of the URL alone: running it again agrees.
    std::string host = libstore::check_webhook_url(url, allow_private);
    if (!allow_private) {
        auto literal = libstore::parse_ip_address(host);
        fuzz::check(!literal || !libstore::is_private_address(*literal), "private target", url);
        fuzz::check(host != "localhost", "localhost target", url);
    }
}

void check_events(const std::vector<std::string> &events) {
    fuzz::check(!events.empty(), "no events");
    std::set<std::string> seen;
    for (const auto &type : events) {
        fuzz::check(type == libstore::kEveryEvent || libstore::is_event_type(type),
                    "unknown event type", type);
        fuzz::check(seen.insert(type).second, "repeated event type", type);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    auto input = fuzz::split_input(data, size);
    bool allow_private = (input.selector & 0x80) != 0;
    Value body;
    if (!fuzz::expect_clean_failure({ErrorCode::invalid_argument, ErrorCode::too_large}, [&] {
            body = libstore::json::parse(input.text.c_str(), "body");
        })) {
        return 0;
    }
    switch (input.selector % 3) {
        case 0: {
            libstore::Webhook webhook;
            if (fuzz::expect_clean_failure({ErrorCode::invalid_argument}, [&] {
                    webhook = libstore::parse_new_webhook(body, allow_private);
                })) {
                check_url(webhook.url, allow_private);
                check_events(webhook.events);
            }
            break;
        }
        case 1: {
            libstore::WebhookChanges changes;
            if (fuzz::expect_clean_failure({ErrorCode::invalid_argument}, [&] {
                    changes = libstore::parse_webhook_changes(body, allow_private);
                })) {
                fuzz::check(changes.url || changes.events || changes.active, "empty change");
                if (changes.url) {
                    check_url(*changes.url, allow_private);
                }
                if (changes.events) {
                    check_events(*changes.events);
                }
            }
            break;
        }
        default: {
            libstore::WebhookQuery query;
            if (fuzz::expect_clean_failure({ErrorCode::invalid_argument},
                                           [&] { query = libstore::parse_webhook_query(body); })) {
                fuzz::check(query.limit >= 1 && query.limit <= libstore::kMaxPageLimit,
                            "limit out of range");
            }
            break;
        }
    }
    return 0;
}
