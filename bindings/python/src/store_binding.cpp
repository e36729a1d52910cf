#include "store_binding.hpp"

#include <pybind11/stl.h>

#include "core/error.hpp"
#include "core/store.hpp"
#include "engine/open_store.hpp"
#include "python_mail_hook.hpp"
#include "value_conversion.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

PasswordCost parse_password_cost(const std::string &name) {
    if (name == "interactive") {
        return PasswordCost::interactive;
    }
    if (name == "moderate") {
        return PasswordCost::moderate;
    }
    if (name == "minimum") {
        return PasswordCost::minimum;
    }
    throw_invalid("password_cost", "password_cost must be 'interactive', 'moderate' or 'minimum'");
}

std::unique_ptr<Store> open(const std::string &uri, const std::string &database,
                            const std::string &secret, std::int64_t token_lifetime,
                            const std::string &password_cost,
                            std::int32_t server_selection_timeout_ms,
                            const std::string &transactions, std::int64_t refresh_token_lifetime,
                            const py::object &mail, std::int32_t rate_limit_per_minute,
                            const std::optional<std::string> &trusted_proxies,
                            std::int64_t guest_cart_lifetime, bool webhook_allow_private,
                            std::int64_t webhook_timeout_ms, std::int64_t webhook_retry_initial_ms,
                            std::int64_t webhook_retry_max_ms, std::int64_t webhook_give_up_ms,
                            std::int64_t webhook_lease_ms, std::int32_t password_hash_concurrency,
                            std::int32_t password_hash_wait_ms) {
    StoreConfig config;
    config.uri = uri;
    config.database = database;
    config.token_secret = secret;
    config.token_lifetime_seconds = token_lifetime;
    config.password_cost = parse_password_cost(password_cost);
    config.server_selection_timeout_ms = server_selection_timeout_ms;
    config.transactions = parse_transaction_mode(transactions);
    config.refresh_token_lifetime_seconds = refresh_token_lifetime;
    std::unique_ptr<MailHook> mail_hook;
    if (!mail.is_none()) {
        if (!PyCallable_Check(mail.ptr())) {
            throw py::type_error("mail must be a callable taking one dict, or None");
        }
        mail_hook = std::make_unique<PythonMailHook>(mail);
    }
    config.rate_limit_per_minute = rate_limit_per_minute;
    config.trusted_proxies = trusted_proxies.value_or("");
    config.guest_cart_lifetime_seconds = guest_cart_lifetime;
    config.webhook_allow_private = webhook_allow_private;
    config.webhook_timeout_ms = webhook_timeout_ms;
    config.webhook_retry_initial_ms = webhook_retry_initial_ms;
    config.webhook_retry_max_ms = webhook_retry_max_ms;
    config.webhook_give_up_ms = webhook_give_up_ms;
    config.webhook_lease_ms = webhook_lease_ms;
    config.password_hash_concurrency = password_hash_concurrency;
    config.password_hash_wait_ms = password_hash_wait_ms;
    // Opening may wait for the database (index creation), so other threads run meanwhile.
    py::gil_scoped_release release;
    return open_store(std::move(config), std::move(mail_hook));
}

}  // namespace

StoreClass bind_store(py::module_ &module) {
    StoreClass store_class(module, "Store", R"doc(
An open store over one MongoDB database. Thread-safe: make one per process and share it.

Opening never needs the database to be up; calls made while it is unreachable raise
UnavailableError and work again by themselves once it is back.
)doc");
    store_class
        .def(py::init(&open), py::arg("uri"), py::kw_only(), py::arg("database") = "libstore",
             py::arg("secret"), py::arg("token_lifetime") = 900,
             py::arg("password_cost") = "interactive",
             py::arg("server_selection_timeout_ms") = 5000, py::arg("transactions") = "auto",
             py::arg("refresh_token_lifetime") = 2592000, py::arg("mail") = py::none(),
             py::arg("rate_limit_per_minute") = 60, py::arg("trusted_proxies") = py::none(),
             py::arg("guest_cart_lifetime") = 2592000, py::arg("webhook_allow_private") = false,
             py::arg("webhook_timeout_ms") = 10000, py::arg("webhook_retry_initial_ms") = 1000,
             py::arg("webhook_retry_max_ms") = 3600000, py::arg("webhook_give_up_ms") = 86400000,
             py::arg("webhook_lease_ms") = 60000, py::arg("password_hash_concurrency") = 0,
             py::arg("password_hash_wait_ms") = 1000,
             R"doc(
Open a store.

uri: MongoDB connection string. database: database name. secret: HMAC key for access tokens,
at least 32 bytes. token_lifetime: access-token lifetime in seconds. password_cost:
'interactive' (default), 'moderate', or 'minimum' (tests only). server_selection_timeout_ms:
how long a call waits for an unreachable database before raising UnavailableError.
transactions: 'auto' (default: placing and cancelling orders run as MongoDB transactions when
the server supports them, a replica set or mongos), 'always', or 'never' (a recorded sequence
that recover() puts right after a crash). refresh_token_lifetime: refresh-token lifetime in
seconds (default 30 days). mail: a callable given each message the store wants sent, as a dict
{"kind": "password_reset" | "verify_email", "to", "token", "created_at"}, on the calling thread
once its token is stored; an exception it raises is printed to stderr and changes nothing.
Without one, messages are dropped. rate_limit_per_minute: requests per client address and
minute on the login, register, refresh and password-reset endpoints (0..1000000, default 60;
0 = off; see rate_limit_hit()). trusted_proxies: comma-separated addresses and CIDR ranges of
the reverse proxies whose X-Forwarded-For is believed (default None: none).
guest_cart_lifetime: seconds an idle guest cart lives after its last change (default 30 days).
webhook_allow_private: let webhook URLs point at loopback and private addresses (development
and tests only). webhook_timeout_ms: one delivery attempt (default 10 s). webhook_retry_initial_ms
and webhook_retry_max_ms: the wait after a first failed attempt, doubling up to the longest
(defaults 1 s and 1 h). webhook_give_up_ms: a delivery fails once its first attempt is this old
(default 24 h). webhook_lease_ms: how long a deliver() call holds a delivery, longer than the
timeout (default 60 s). password_hash_concurrency: how many password hashes run at once
(0..1024, default 0 = the number of cores; each takes its cost's memory, 64 MiB at
'interactive'). password_hash_wait_ms: how long register, login, a password change or reset
waits for a turn (0..60000, default 1000) before raising RateLimitedError (field "password",
retry_after 1); the wait releases the GIL.
)doc")
        .def(
            "ping", [](Store &store) { store.ping(); }, py::call_guard<py::gil_scoped_release>(),
            "One round trip to the database; raises UnavailableError when it cannot be reached.")
        .def(
            "stats", [](Store &store) { return from_value(store.stats()); },
            R"doc(
What this store has sent to the database since it was opened, counted on the client (the same
against any server); never touches the database. A dict: {"commands": {name: n}, "failures":
{name: n}, "retries": n, "transactions": {"started", "committed", "aborted", "retried"},
"pool_waits": n, "password_hashing": {"limit", "in_use", "waiting", "refused"}}. Counters (all
but in_use and waiting) only grow: subtract two readings to count one call's round trips.
)doc")
        .def_property_readonly(
            "database", [](const Store &store) { return store.config().database; },
            "Name of the MongoDB database this store uses.");
    return store_class;
}

}  // namespace libstore::python
