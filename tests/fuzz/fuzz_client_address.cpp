// The rate limits' address parsing (lib/core/limits): the trusted-proxy list, IP literals,
// X-Forwarded-For entries and the walk that picks the address a request counts against. The
// first byte picks the parser; for the walk the rest is "peer\nX-Forwarded-For". Oracles: bad
// input is invalid_argument naming its field; what parses formats and parses back to itself; the
// key is short printable text; and an untrusted peer's X-Forwarded-For never changes its key.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/limits/client_address.hpp"
#include "core/limits/ip_address.hpp"
#include "core/limits/trusted_proxies.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
namespace fuzz = libstore::fuzz;

const libstore::TrustedProxies &proxies() {
    static const auto parsed =
        libstore::TrustedProxies::parse("10.0.0.0/8, 127.0.0.1, 2001:db8::/32, ::ffff:0:0/112");
    return parsed;
}

void check_round_trip(const libstore::IpAddress &address, const std::string &input) {
    std::string text = libstore::format_ip_address(address);
    fuzz::check(!text.empty() && text.size() <= 45, "formatted address length", input);
    auto again = libstore::parse_ip_address(text);
    fuzz::check(again && *again == address, "formatted address does not parse back", text);
}

void check_key(const std::string &key, const std::string &input) {
    fuzz::check(!key.empty() && key.size() <= 64, "key length", input);
    for (char c : key) {
        fuzz::check(c > 0x20 && c < 0x7f && c != ',', "key with a blank, comma or non-ASCII", key);
    }
}

void walk(const std::string &text) {
    std::size_t newline = text.find('\n');
    std::string peer = text.substr(0, newline);
    std::optional<std::string_view> forwarded;
    if (newline != std::string::npos) {
        forwarded = std::string_view(text).substr(newline + 1);
    }
    std::string key;
    bool accepted = fuzz::expect_clean_failure({ErrorCode::invalid_argument}, [&] {
        key = libstore::client_address(peer, forwarded, proxies());
    });
    if (!accepted) {
        return;
    }
    check_key(key, text);
    auto address = libstore::parse_ip_address(peer);
    if (!address || !proxies().contains(*address)) {
        // Spoofing: whatever an untrusted peer forwards, it counts as itself.
        fuzz::check(key == libstore::client_address(peer, std::nullopt, proxies()),
                    "an untrusted peer's X-Forwarded-For changed its key", text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input input = fuzz::split_input(data, size);
    switch (input.selector % 4) {
        case 0: {
            fuzz::expect_clean_failure({ErrorCode::invalid_argument}, [&] {
                try {
                    auto parsed = libstore::TrustedProxies::parse(input.text);
                    (void)parsed.contains(*libstore::parse_ip_address("10.1.2.3"));
                } catch (const libstore::Error &error) {
                    fuzz::check(error.field() == "trusted_proxies", "wrong field", error.field());
                    throw;
                }
            });
            break;
        }
        case 1: {
            if (auto address = libstore::parse_ip_address(input.text)) {
                check_round_trip(*address, input.text);
            }
            break;
        }
        case 2: {
            if (auto address = libstore::parse_forwarded_entry(input.text)) {
                check_round_trip(*address, input.text);
            }
            break;
        }
        default:
            walk(input.text);
    }
    return 0;
}
