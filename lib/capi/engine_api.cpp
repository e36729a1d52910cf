#include "libstore/engine.h"
#include "libstore/version.h"

#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"
#include "capi/mail_callback.hpp"
#include "engine/open_store.hpp"

using libstore::capi::guard;
using libstore::capi::report;

namespace {

// A C caller may store any int in an enum field; C++ must not even load an out-of-range value
// through the enum type (undefined behaviour), so the field is read as its underlying integer.
libstore::PasswordCost to_password_cost(const store_password_cost_t &field) {
    std::underlying_type_t<store_password_cost_t> cost;
    std::memcpy(&cost, &field, sizeof cost);
    switch (cost) {
        case STORE_PASSWORD_COST_INTERACTIVE:
            return libstore::PasswordCost::interactive;
        case STORE_PASSWORD_COST_MODERATE:
            return libstore::PasswordCost::moderate;
        case STORE_PASSWORD_COST_MINIMUM:
            return libstore::PasswordCost::minimum;
    }
    libstore::throw_invalid("password_cost", "unknown password cost");
}

libstore::TransactionMode to_transaction_mode(const store_transactions_t &field) {
    std::underlying_type_t<store_transactions_t> mode;
    std::memcpy(&mode, &field, sizeof mode);
    switch (mode) {
        case STORE_TRANSACTIONS_AUTO:
            return libstore::TransactionMode::automatic;
        case STORE_TRANSACTIONS_ALWAYS:
            return libstore::TransactionMode::always;
        case STORE_TRANSACTIONS_NEVER:
            return libstore::TransactionMode::never;
    }
    libstore::throw_invalid("transactions", "unknown transactions setting");
}

libstore::StoreConfig to_config(const store_options_t &options) {
    if (options.version < 1 || options.version > STORE_OPTIONS_VERSION) {
        libstore::throw_invalid("version",
                                "unsupported store_options_t version; use STORE_OPTIONS_INIT");
    }
    libstore::StoreConfig config;
    config.uri = options.uri != nullptr ? options.uri : "";
    config.database = options.database != nullptr ? options.database : "libstore";
    config.token_secret = options.token_secret != nullptr ? options.token_secret : "";
    config.token_lifetime_seconds = options.token_lifetime_seconds;
    config.password_cost = to_password_cost(options.password_cost);
    config.server_selection_timeout_ms = options.server_selection_timeout_ms;
    // Fields of later versions are read only from callers that know them: a version-1 struct
    // is shorter and ends before them.
    if (options.version >= 2) {
        config.transactions = to_transaction_mode(options.transactions);
    }
    if (options.version >= 3) {
        config.refresh_token_lifetime_seconds = options.refresh_token_lifetime_seconds;
        config.rate_limit_per_minute = options.rate_limit_per_minute;
        config.trusted_proxies = options.trusted_proxies != nullptr ? options.trusted_proxies : "";
    }
    if (options.version >= 4) {
        if (options.webhook_allow_private != 0 && options.webhook_allow_private != 1) {
            libstore::throw_invalid("webhook_allow_private",
                                    "webhook_allow_private must be 0 or 1");
        }
        config.webhook_allow_private = options.webhook_allow_private == 1;
        config.webhook_timeout_ms = options.webhook_timeout_ms;
        config.webhook_retry_initial_ms = options.webhook_retry_initial_ms;
        config.webhook_retry_max_ms = options.webhook_retry_max_ms;
        config.webhook_give_up_ms = options.webhook_give_up_ms;
        config.webhook_lease_ms = options.webhook_lease_ms;
    }
    if (options.version >= 5) {
        config.password_hash_concurrency = options.password_hash_concurrency;
        config.password_hash_wait_ms = options.password_hash_wait_ms;
    }
    return config;
}

std::unique_ptr<libstore::MailHook> to_mail_hook(const store_options_t &options) {
    if (options.version < 3 || options.mail_callback == nullptr) {
        return nullptr;
    }
    return std::make_unique<libstore::capi::CallbackMailHook>(options.mail_callback,
                                                              options.mail_user_data);
}

}  // namespace

extern "C" {

const char *store_version(void) {
    return STORE_VERSION_STRING;
}

void store_options_init(store_options_t *options) {
    if (options != nullptr) {
        const store_options_t defaults = STORE_OPTIONS_INIT;
        *options = defaults;
    }
}

store_status_t store_transactions_from_name(store_transactions_t *out_transactions,
                                            const char *name, store_error_t *error) {
    return guard(error, [&] {
        libstore::capi::require_argument(out_transactions, "out_transactions");
        libstore::capi::require_argument(name, "transactions");
        switch (libstore::parse_transaction_mode(name)) {
            case libstore::TransactionMode::automatic:
                *out_transactions = STORE_TRANSACTIONS_AUTO;
                break;
            case libstore::TransactionMode::always:
                *out_transactions = STORE_TRANSACTIONS_ALWAYS;
                break;
            case libstore::TransactionMode::never:
                *out_transactions = STORE_TRANSACTIONS_NEVER;
                break;
        }
    });
}

store_status_t store_open(store_t **out_store, const store_options_t *options,
                          store_error_t *error) {
    if (out_store == nullptr) {
        return report(error, STORE_EINVAL, "out_store", "out_store must not be NULL");
    }
    *out_store = nullptr;
    if (options == nullptr) {
        return report(error, STORE_EINVAL, "options", "options must not be NULL");
    }
    return guard(error, [&] {
        auto handle = std::make_unique<store>();
        handle->core = libstore::open_store(to_config(*options), to_mail_hook(*options));
        *out_store = handle.release();
    });
}

void store_close(store_t *store) {
    delete store;
}

store_status_t store_ping(store_t *store, store_error_t *error) {
    if (store == nullptr) {
        return report(error, STORE_EINVAL, "store", "store must not be NULL");
    }
    return guard(error, [&] { store->core->ping(); });
}

store_status_t store_stats(char **out_stats_json, store_t *store, store_error_t *error) {
    return guard(error, [&] {
        libstore::capi::reset_out(out_stats_json, "out_stats_json");
        libstore::capi::require_argument(store, "store");
        *out_stats_json = libstore::json::serialize_for_caller(store->core->stats());
    });
}

void store_free(void *pointer) {
    std::free(pointer);
}

}  // extern "C"
