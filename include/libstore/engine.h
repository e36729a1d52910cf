/* libstore — the engine handle: opening a store over MongoDB.
 *
 * A store_t is made once per process and shared by all threads: it owns a pool of MongoDB
 * connections and takes one per call. Opening never needs the database to be up; operations
 * made while it is unreachable fail with STORE_EUNAVAILABLE after the server-selection timeout,
 * and succeed again by themselves once it is back.
 *
 *     store_options_t options;
 *     store_options_init(&options);
 *     options.uri = "mongodb://127.0.0.1:27017";
 *     options.token_secret = secret;   // at least 32 bytes, kept private
 *     store_t *store;
 *     store_error_t error;
 *     if (store_open(&store, &options, &error) != STORE_OK) { ... }
 *     ...
 *     store_close(store);
 */
#ifndef LIBSTORE_ENGINE_H
#define LIBSTORE_ENGINE_H

#include <stddef.h> /* NULL, used by STORE_OPTIONS_INIT */
#include <stdint.h>

#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Opaque, thread-safe handle on one store. */
typedef struct store store_t;

/* How expensive password hashing is (libsodium Argon2id limits). */
typedef enum store_password_cost {
    STORE_PASSWORD_COST_INTERACTIVE = 0, /* libsodium's INTERACTIVE limits: the default */
    STORE_PASSWORD_COST_MODERATE = 1,    /* libsodium's MODERATE limits: slower, stronger */
    STORE_PASSWORD_COST_MINIMUM = 2      /* libsodium's minimum limits: for tests only */
} store_password_cost_t;

/* Whether placing and cancelling orders run as MongoDB transactions (w: majority).
 *   AUTO    when the server supports them (a replica set or mongos); the default
 *   ALWAYS  always: on a standalone server those calls fail with STORE_EUNAVAILABLE
 *   NEVER   never: a recorded sequence of single writes, put right by store_recover() */
typedef enum store_transactions {
    STORE_TRANSACTIONS_AUTO = 0,
    STORE_TRANSACTIONS_ALWAYS = 1,
    STORE_TRANSACTIONS_NEVER = 2
} store_transactions_t;

/* Where the library hands the mail it wants sent: it never sends mail itself. Called
 * synchronously, on the thread of the call that made the message, once its token is stored;
 * `message_json` (valid during the call only) is
 *
 *     {"kind": "password_reset" | "verify_email", "to": "<email>", "token": "...",
 *      "created_at": "<RFC 3339>"}
 *
 * The hook must not call back into the store. It cannot fail the call: what it does with the
 * message (a file, a queue) is the host's. Without a hook (NULL), messages are dropped. */
typedef void (*store_mail_fn)(void *user_data, const char *message_json);

#define STORE_OPTIONS_VERSION 5
#define STORE_TOKEN_SECRET_MIN_LENGTH 32

/* Options for store_open(). Always initialise with STORE_OPTIONS_INIT or store_options_init():
 * new fields are only ever appended, and `version` tells the library which ones you know. The
 * library copies every string it needs; the struct may be freed after store_open() returns. */
typedef struct store_options {
    uint32_t version;                    /* STORE_OPTIONS_VERSION */
    const char *uri;                     /* MongoDB connection string (required) */
    const char *database;                /* database name; default "libstore" */
    const char *token_secret;            /* HMAC key for access tokens, >= 32 bytes (required) */
    int64_t token_lifetime_seconds;      /* access-token lifetime; default 900 (15 minutes) */
    store_password_cost_t password_cost; /* default STORE_PASSWORD_COST_INTERACTIVE */
    int32_t server_selection_timeout_ms; /* how long a call waits for the database; default 5000 */
    /* version 2 */
    store_transactions_t transactions; /* default STORE_TRANSACTIONS_AUTO */
    /* version 3 */
    int64_t refresh_token_lifetime_seconds; /* refresh-token lifetime; default 2592000 (30 days) */
    store_mail_fn mail_callback;            /* see store_mail_fn; default NULL (mail dropped) */
    void *mail_user_data;                   /* handed to mail_callback; default NULL */
    int32_t rate_limit_per_minute;          /* requests per client address and minute on each
                                               rate-limited endpoint (rate_limits.h), 0..1000000;
                                               default 60; 0 = off */
    const char *trusted_proxies; /* comma-separated addresses and CIDR ranges of the reverse
                                    proxies whose X-Forwarded-For is believed ("10.0.0.0/8,
                                    2001:db8::1"); default NULL (none). A bad entry ->
                                    STORE_EINVAL, field "trusted_proxies", naming it */
    /* version 4: webhook delivery (webhooks.h); a bad value -> STORE_EINVAL naming the field */
    int webhook_allow_private;        /* 1: webhook URLs may point at loopback and private
                                         addresses (development, tests); default 0 */
    int64_t webhook_timeout_ms;       /* one send, 1 ms..10 min; default 10000 */
    int64_t webhook_retry_initial_ms; /* the wait after a first failed attempt, doubling with
                                         each further one; default 1000 */
    int64_t webhook_retry_max_ms;     /* the longest wait; default 3600000 (1 hour) */
    int64_t webhook_give_up_ms;       /* a delivery fails once its first attempt is this old;
                                         default 86400000 (24 hours) */
    int64_t webhook_lease_ms;         /* how long a sweep holds a delivery: longer than
                                         webhook_timeout_ms; default 60000 */
    /* version 5: password hashing. At most password_hash_concurrency hashes run at once (each
       takes its cost's memory, 64 MiB at INTERACTIVE); register, login, password change and
       reset wait at most password_hash_wait_ms for a turn, then fail with STORE_ERATELIMITED
       (field "password", retry_after_seconds 1) */
    int32_t password_hash_concurrency; /* 0..1024; default 0 = the number of cores */
    int32_t password_hash_wait_ms;     /* 0..60000; default 1000 */
} store_options_t;

#define STORE_OPTIONS_INIT                                                                         \
    {                                                                                              \
        STORE_OPTIONS_VERSION, NULL, "libstore", NULL, 900, STORE_PASSWORD_COST_INTERACTIVE, 5000, \
            STORE_TRANSACTIONS_AUTO, 2592000, NULL, NULL, 60, NULL, 0, 10000, 1000, 3600000,       \
            86400000, 60000, 0, 1000                                                               \
    }

/* The setting named "auto", "always" or "never" (as hosts read LIBSTORE_TRANSACTIONS): STORE_OK
 * and *out_transactions set, or STORE_EINVAL (field "transactions") for any other name. */
STORE_API store_status_t store_transactions_from_name(store_transactions_t *out_transactions,
                                                      const char *name, store_error_t *error);

/* Fills `options` with the defaults above. */
STORE_API void store_options_init(store_options_t *options);

/* Opens a store. On success *out_store is a handle to release with store_close(). Fails with
 * STORE_EINVAL (field "uri", "database", "token_secret", ...) for bad options. Never fails just
 * because the database is down: indexes are created on the first call that reaches it. */
STORE_API store_status_t store_open(store_t **out_store, const store_options_t *options,
                                    store_error_t *error);

/* Releases a store and its connections. Accepts NULL. No call on it may be running. */
STORE_API void store_close(store_t *store);

/* One round trip to the database: STORE_OK when it answers, STORE_EUNAVAILABLE when it cannot be
 * reached within the server-selection timeout. */
STORE_API store_status_t store_ping(store_t *store, store_error_t *error);

/* What this store has sent to the database since it was opened, counted on the client (libmongoc
 * command monitoring), so the numbers are the same against any server. Never touches the
 * database; and how busy its password hashing is. *out_stats_json (free with store_free()) is
 *
 *     {"commands": {"find": 12, "insert": 3, ...},   commands started, by name
 *      "failures": {"update": 1, ...},                commands that failed, by name
 *      "retries": 0,                                  commands the driver retried
 *      "transactions": {"started": 2, "committed": 1, "aborted": 1, "retried": 0},
 *      "pool_waits": 0,                               calls that waited for a free connection
 *      "password_hashing": {"limit": 2, "in_use": 0,  hashes running now and callers waiting
 *                           "waiting": 0, "refused": 0}  for a turn; refusals so far
 *
 * The counters (all but in_use and waiting) only grow; subtract two readings to count the round
 * trips of one call. */
STORE_API store_status_t store_stats(char **out_stats_json, store_t *store, store_error_t *error);

/* Frees a string or buffer the library returned (every `char **out_json`). Accepts NULL. */
STORE_API void store_free(void *pointer);

STORE_EXTERN_C_END

#endif /* LIBSTORE_ENGINE_H */
