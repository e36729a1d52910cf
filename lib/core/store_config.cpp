#include "core/store_config.hpp"

#include <thread>

#include "core/error.hpp"
#include "core/limits/trusted_proxies.hpp"

namespace libstore {

namespace {

// MongoDB's rules for database names, plus a length cap well under its 64-byte limit.
void validate_database_name(const std::string &name) {
    if (name.empty()) {
        throw_invalid("database", "database name must not be empty");
    }
    if (name.size() > 63) {
        throw_invalid("database", "database name must be at most 63 bytes");
    }
    for (char c : name) {
        if (c == '/' || c == '\\' || c == '.' || c == ' ' || c == '"' || c == '$' || c == '\0') {
            throw_invalid("database", "database name must not contain / \\ . space \" $ or NUL");
        }
    }
}

void validate_webhook_options(const StoreConfig &config) {
    constexpr std::int64_t kDay = 86'400'000;
    if (config.webhook_timeout_ms < 1 || config.webhook_timeout_ms > 600'000) {
        throw_invalid("webhook_timeout_ms", "webhook timeout must be between 1 ms and 10 minutes");
    }
    if (config.webhook_retry_initial_ms < 1 || config.webhook_retry_initial_ms > kDay) {
        throw_invalid("webhook_retry_initial_ms",
                      "webhook first retry delay must be between 1 ms and 1 day");
    }
    if (config.webhook_retry_max_ms < config.webhook_retry_initial_ms ||
        config.webhook_retry_max_ms > 7 * kDay) {
        throw_invalid("webhook_retry_max_ms",
                      "webhook longest retry delay must be between the first one and 7 days");
    }
    if (config.webhook_give_up_ms < 1 || config.webhook_give_up_ms > 30 * kDay) {
        throw_invalid("webhook_give_up_ms", "webhook give-up age must be between 1 ms and 30 days");
    }
    if (config.webhook_lease_ms <= config.webhook_timeout_ms || config.webhook_lease_ms > kDay) {
        throw_invalid("webhook_lease_ms",
                      "webhook lease must be longer than webhook_timeout_ms and at most 1 day");
    }
}

}  // namespace

TransactionMode parse_transaction_mode(const std::string &name) {
    if (name == "auto") {
        return TransactionMode::automatic;
    }
    if (name == "always") {
        return TransactionMode::always;
    }
    if (name == "never") {
        return TransactionMode::never;
    }
    throw_invalid("transactions", "transactions must be 'auto', 'always' or 'never'");
}

const char *transaction_mode_name(TransactionMode mode) {
    switch (mode) {
        case TransactionMode::always:
            return "always";
        case TransactionMode::never:
            return "never";
        case TransactionMode::automatic:
            break;
    }
    return "auto";
}

void StoreConfig::validate() const {
    if (uri.empty()) {
        throw_invalid("uri", "a MongoDB connection string is required");
    }
    validate_database_name(database);
    if (token_secret.size() < kMinTokenSecretLength) {
        throw_invalid("token_secret", "token secret must be at least " +
                                          std::to_string(kMinTokenSecretLength) + " bytes");
    }
    if (token_lifetime_seconds < 1 || token_lifetime_seconds > 7 * 24 * 3600) {
        throw_invalid("token_lifetime_seconds",
                      "token lifetime must be between 1 second and 7 days");
    }
    if (refresh_token_lifetime_seconds < 1 || refresh_token_lifetime_seconds > 365 * 24 * 3600) {
        throw_invalid("refresh_token_lifetime_seconds",
                      "refresh token lifetime must be between 1 second and 365 days");
    }
    if (guest_cart_lifetime_seconds < 1 || guest_cart_lifetime_seconds > 365 * 24 * 3600) {
        throw_invalid("guest_cart_lifetime_seconds",
                      "guest cart lifetime must be between 1 second and 365 days");
    }
    if (server_selection_timeout_ms < 1 || server_selection_timeout_ms > 600000) {
        throw_invalid("server_selection_timeout_ms",
                      "server selection timeout must be between 1 ms and 10 minutes");
    }
    if (rate_limit_per_minute < 0 || rate_limit_per_minute > kMaxRateLimitPerMinute) {
        throw_invalid("rate_limit_per_minute", "rate limit must be between 0 (off) and " +
                                                   std::to_string(kMaxRateLimitPerMinute) +
                                                   " requests per minute");
    }
    if (password_hash_concurrency < 0 || password_hash_concurrency > kMaxPasswordHashConcurrency) {
        throw_invalid("password_hash_concurrency",
                      "password hash concurrency must be between 0 (the number of cores) and " +
                          std::to_string(kMaxPasswordHashConcurrency));
    }
    if (password_hash_wait_ms < 0 || password_hash_wait_ms > kMaxPasswordHashWaitMs) {
        throw_invalid("password_hash_wait_ms", "password hash wait must be between 0 and " +
                                                   std::to_string(kMaxPasswordHashWaitMs) + " ms");
    }
    TrustedProxies::parse(trusted_proxies);
    validate_webhook_options(*this);
}

std::int32_t StoreConfig::effective_password_hash_concurrency() const {
    if (password_hash_concurrency > 0) {
        return password_hash_concurrency;
    }
    unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : static_cast<std::int32_t>(cores);
}

}  // namespace libstore
