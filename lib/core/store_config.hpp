// What a store is opened with. The C ABI fills it from store_options_t, Python from keyword
// arguments; validate() holds the rules for both.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

enum class PasswordCost { interactive, moderate, minimum };

// Whether multi-document operations (placing and cancelling orders) run as transactions:
// `automatic` when the server supports them (a replica set or mongos), `always` (refusing with
// `unavailable` on a standalone server), `never` (the recorded sequence and recovery).
enum class TransactionMode { automatic, always, never };

// "auto", "always" or "never"; throws Error(invalid_argument, "transactions") otherwise.
TransactionMode parse_transaction_mode(const std::string &name);
const char *transaction_mode_name(TransactionMode mode);

struct StoreConfig {
    std::string uri;
    std::string database = "libstore";
    std::string token_secret;
    std::int64_t token_lifetime_seconds = 900;
    PasswordCost password_cost = PasswordCost::interactive;
    std::int32_t server_selection_timeout_ms = 5000;
    TransactionMode transactions = TransactionMode::automatic;
    std::int64_t refresh_token_lifetime_seconds = 30 * 24 * 3600;
    // Requests per client address and minute on each rate-limited endpoint; 0 turns them off.
    std::int32_t rate_limit_per_minute = 60;
    // The proxies whose X-Forwarded-For is believed (see core/limits/trusted_proxies.hpp).
    std::string trusted_proxies;
    // How long an idle guest cart lives: every change to it starts this over.
    std::int64_t guest_cart_lifetime_seconds = 30 * 24 * 3600;
    // Webhook delivery (core/webhooks/delivery_policy.hpp): whether targets on loopback or
    // private addresses are allowed (development and tests), the send timeout, the backoff, when
    // a delivery is given up, and the lease a sweep holds on a job (longer than the timeout).
    bool webhook_allow_private = false;
    std::int64_t webhook_timeout_ms = 10'000;
    std::int64_t webhook_retry_initial_ms = 1'000;
    std::int64_t webhook_retry_max_ms = 3'600'000;
    std::int64_t webhook_give_up_ms = 86'400'000;
    std::int64_t webhook_lease_ms = 60'000;
    // How many password hashes run at once (core/accounts/bounded_password_hasher.hpp), 0 = the
    // number of cores; and how long a call waits for a turn before it is refused as rate_limited.
    std::int32_t password_hash_concurrency = 0;
    std::int32_t password_hash_wait_ms = 1'000;

    static constexpr std::size_t kMinTokenSecretLength = 32;
    static constexpr std::int32_t kMaxRateLimitPerMinute = 1'000'000;
    static constexpr std::int32_t kMaxPasswordHashConcurrency = 1'024;
    static constexpr std::int32_t kMaxPasswordHashWaitMs = 60'000;

    // password_hash_concurrency with 0 resolved to the number of cores (at least 1).
    std::int32_t effective_password_hash_concurrency() const;

    // Throws Error(invalid_argument) naming the first bad option.
    void validate() const;
};

}  // namespace libstore
