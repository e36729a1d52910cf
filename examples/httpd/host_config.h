/* The C host's configuration, read from the same environment variables as examples/flask/app.py:
 *
 *   MONGODB_URI      MongoDB connection string (required)
 *   LIBSTORE_DB      database name (default "libstore")
 *   LIBSTORE_SECRET  access-token signing key, >= 32 bytes; random for this run when unset
 *   HOST, PORT       where to listen (default 127.0.0.1:8000)
 *   LIBSTORE_ADMIN   "username:password": an admin account made at start-up unless it exists
 *                    (LIBSTORE_ADMIN_EMAIL; default username@admin.localhost)
 *   LIBSTORE_PASSWORD_COST               interactive (default), moderate or minimum
 *   LIBSTORE_SERVER_SELECTION_TIMEOUT_MS how long a call waits for the database (default 5000)
 *   LIBSTORE_TRANSACTIONS                auto (default), always or never: whether orders are
 *                                        placed and cancelled in MongoDB transactions
 *   LIBSTORE_ALLOWED_ORIGINS             comma-separated origins browsers may call from, "*"
 *                                        for any; unset or empty = CORS off (cors_policy.h)
 *   LIBSTORE_CACHE_MAX_AGE               max-age of the cacheable catalog reads, 0..31536000
 *                                        seconds (default 30; http_caching.h)
 *   LIBSTORE_MAIL_DIR                    directory the store's mail (password reset, email
 *                                        verification) is written to, one JSON file each;
 *                                        unset: printed to stderr (mail_outbox.h)
 *   LIBSTORE_RATE_LIMIT_PER_MINUTE       requests per client address and minute on login,
 *                                        register, refresh and password reset, 0..1000000
 *                                        (default 60; 0 = off; rate_limits.h)
 *   LIBSTORE_PASSWORD_HASH_CONCURRENCY   password hashes at once, 0..1024 (default 0 = the
 *                                        number of cores; store_options_t)
 *   LIBSTORE_PASSWORD_HASH_WAIT_MS       how long a password call waits for a turn before 429,
 *                                        0..60000 (default 1000)
 *   LIBSTORE_TRUSTED_PROXIES             comma-separated addresses and CIDR ranges of the
 *                                        reverse proxies whose X-Forwarded-For is believed
 *   LIBSTORE_DELIVER                     1 (default): deliver webhooks from this process in the
 *                                        background (webhook_deliverer.h); 0: leave that to
 *                                        other processes (store-admin deliver)
 *   LIBSTORE_RECOVER_INTERVAL            seconds between background recovery sweeps
 *                                        (recoverer.h), 0..86400 (default 30; 0 = none here)
 *   LIBSTORE_RECOVER_AGE                 seconds old the work recovery touches, 1..86400
 *                                        (default 60)
 *   LIBSTORE_WEBHOOK_*                   webhook delivery settings, read as store-admin reads
 *                                        them (bindings/cli/webhook_environment.h) */
#ifndef STORE_HTTPD_HOST_CONFIG_H
#define STORE_HTTPD_HOST_CONFIG_H

#include <libstore/store.h>

#include "cors_policy.h"
#include "webhook_environment.h"

typedef struct host_config {
    const char *uri;
    const char *database;
    const char *secret; /* the environment's, or random_secret below */
    const char *host;
    unsigned short port;
    store_password_cost_t password_cost;
    int server_selection_timeout_ms;
    store_transactions_t transactions;
    cors_policy_t cors;
    long cache_max_age;
    char *mail_dir; /* LIBSTORE_MAIL_DIR, or NULL: mail goes to stderr */
    int rate_limit_per_minute;
    int password_hash_concurrency;
    int password_hash_wait_ms;
    const char *trusted_proxies;    /* the environment's, or NULL */
    int deliver;                    /* LIBSTORE_DELIVER: run a webhook deliverer */
    long recover_interval_seconds;  /* LIBSTORE_RECOVER_INTERVAL; 0: no recoverer */
    long recover_age_seconds;       /* LIBSTORE_RECOVER_AGE */
    webhook_environment_t webhooks; /* LIBSTORE_WEBHOOK_* */
    /* LIBSTORE_ADMIN split at its first ':'; admin_username is NULL when it is unset. */
    char *admin_username;
    const char *admin_password;
    char *admin_email;
    char random_secret[65];
} host_config_t;

/* Fills `config` from the environment. On a bad or missing value prints why to stderr and
 * returns -1; host_config_free() is then still required. */
int host_config_from_env(host_config_t *config);

/* The options store_open() takes; they point into `config`. */
store_options_t host_config_store_options(const host_config_t *config);

void host_config_free(host_config_t *config);

#endif
