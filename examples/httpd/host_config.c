#define _DEFAULT_SOURCE /* getrandom, strdup */

#include "host_config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "mail_outbox.h"

/* One year, the bound http-headers.md sets. */
#define CACHE_MAX_AGE_LIMIT 31536000L
/* The library's bound for store_options_t.rate_limit_per_minute. */
#define RATE_LIMIT_PER_MINUTE_LIMIT 1000000L

/* Environment value, or `fallback` when the variable is absent (an empty value is a value). */
static const char *env_or(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return value != NULL ? value : fallback;
}

static int parse_long(const char *name, const char *text, long min, long max, long *out) {
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "%s must be an integer from %ld to %ld, not '%s'\n", name, min, max, text);
        return -1;
    }
    *out = value;
    return 0;
}

static int parse_password_cost(const char *text, store_password_cost_t *out) {
    if (strcmp(text, "interactive") == 0) {
        *out = STORE_PASSWORD_COST_INTERACTIVE;
    } else if (strcmp(text, "moderate") == 0) {
        *out = STORE_PASSWORD_COST_MODERATE;
    } else if (strcmp(text, "minimum") == 0) {
        *out = STORE_PASSWORD_COST_MINIMUM;
    } else {
        fprintf(stderr,
                "LIBSTORE_PASSWORD_COST must be 'interactive', 'moderate' or 'minimum', not "
                "'%s'\n",
                text);
        return -1;
    }
    return 0;
}

/* Tokens signed with it die with the process, which is what a run without a configured secret
 * asks for. */
static int make_random_secret(char *out, size_t size) {
    unsigned char bytes[32];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes) {
        return -1;
    }
    for (size_t i = 0; i < sizeof bytes && 2 * i + 2 < size; ++i) {
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    }
    return 0;
}

static int parse_admin(host_config_t *config) {
    const char *spec = getenv("LIBSTORE_ADMIN");
    if (spec == NULL || spec[0] == '\0') {
        return 0;
    }
    const char *colon = strchr(spec, ':');
    if (colon == NULL) {
        fputs("LIBSTORE_ADMIN must be 'username:password'\n", stderr);
        return -1;
    }
    config->admin_username = strndup(spec, (size_t)(colon - spec));
    config->admin_password = colon + 1;
    const char *email = getenv("LIBSTORE_ADMIN_EMAIL");
    if (email != NULL) {
        config->admin_email = strdup(email);
    } else if (config->admin_username != NULL) {
        static const char domain[] = "@admin.localhost";
        size_t length = strlen(config->admin_username);
        config->admin_email = malloc(length + sizeof domain);
        if (config->admin_email != NULL) {
            for (size_t i = 0; i < length; ++i) {
                config->admin_email[i] = (char)tolower((unsigned char)config->admin_username[i]);
            }
            memcpy(config->admin_email + length, domain, sizeof domain);
        }
    }
    if (config->admin_username == NULL || config->admin_email == NULL) {
        fputs("out of memory\n", stderr);
        return -1;
    }
    return 0;
}

static int parse_mail_dir(host_config_t *config) {
    const char *directory = getenv("LIBSTORE_MAIL_DIR");
    if (directory == NULL || directory[0] == '\0') {
        return 0;
    }
    struct stat status;
    if (stat(directory, &status) != 0 || !S_ISDIR(status.st_mode)) {
        fprintf(stderr, "LIBSTORE_MAIL_DIR is not a directory: '%s'\n", directory);
        return -1;
    }
    config->mail_dir = strdup(directory);
    if (config->mail_dir == NULL) {
        fputs("out of memory\n", stderr);
        return -1;
    }
    return 0;
}

int host_config_from_env(host_config_t *config) {
    memset(config, 0, sizeof *config);
    config->uri = getenv("MONGODB_URI");
    if (config->uri == NULL || config->uri[0] == '\0') {
        fputs("MONGODB_URI is not set: point it at your MongoDB (or run .ci/shop)\n", stderr);
        return -1;
    }
    config->database = env_or("LIBSTORE_DB", "libstore");
    config->secret = getenv("LIBSTORE_SECRET");
    if (config->secret == NULL || config->secret[0] == '\0') {
        fputs("LIBSTORE_SECRET is not set: using a random secret for this run only\n", stderr);
        if (make_random_secret(config->random_secret, sizeof config->random_secret) != 0) {
            fputs("cannot make a random secret\n", stderr);
            return -1;
        }
        config->secret = config->random_secret;
    }
    config->host = env_or("HOST", "127.0.0.1");
    long number;
    if (parse_long("PORT", env_or("PORT", "8000"), 0, USHRT_MAX, &number) != 0) {
        return -1;
    }
    config->port = (unsigned short)number;
    if (parse_long("LIBSTORE_SERVER_SELECTION_TIMEOUT_MS",
                   env_or("LIBSTORE_SERVER_SELECTION_TIMEOUT_MS", "5000"), INT_MIN, INT_MAX,
                   &number) != 0) {
        return -1;
    }
    config->server_selection_timeout_ms = (int)number;
    if (parse_password_cost(env_or("LIBSTORE_PASSWORD_COST", "interactive"),
                            &config->password_cost) != 0) {
        return -1;
    }
    store_error_t error;
    if (store_transactions_from_name(&config->transactions, env_or("LIBSTORE_TRANSACTIONS", "auto"),
                                     &error) != STORE_OK) {
        fprintf(stderr, "LIBSTORE_TRANSACTIONS: %s\n", error.message);
        return -1;
    }
    if (parse_long("LIBSTORE_CACHE_MAX_AGE", env_or("LIBSTORE_CACHE_MAX_AGE", "30"), 0,
                   CACHE_MAX_AGE_LIMIT, &config->cache_max_age) != 0) {
        return -1;
    }
    if (parse_mail_dir(config) != 0) {
        return -1;
    }
    if (parse_long("LIBSTORE_RATE_LIMIT_PER_MINUTE", env_or("LIBSTORE_RATE_LIMIT_PER_MINUTE", "60"),
                   0, RATE_LIMIT_PER_MINUTE_LIMIT, &number) != 0) {
        return -1;
    }
    config->rate_limit_per_minute = (int)number;
    /* The library's bounds, so a bad value is named before the store is opened. */
    if (parse_long("LIBSTORE_PASSWORD_HASH_CONCURRENCY",
                   env_or("LIBSTORE_PASSWORD_HASH_CONCURRENCY", "0"), 0, 1024, &number) != 0) {
        return -1;
    }
    config->password_hash_concurrency = (int)number;
    if (parse_long("LIBSTORE_PASSWORD_HASH_WAIT_MS",
                   env_or("LIBSTORE_PASSWORD_HASH_WAIT_MS", "1000"), 0, 60000, &number) != 0) {
        return -1;
    }
    config->password_hash_wait_ms = (int)number;
    if (parse_long("LIBSTORE_DELIVER", env_or("LIBSTORE_DELIVER", "1"), 0, 1, &number) != 0) {
        return -1;
    }
    config->deliver = (int)number;
    if (parse_long("LIBSTORE_RECOVER_INTERVAL", env_or("LIBSTORE_RECOVER_INTERVAL", "30"), 0, 86400,
                   &config->recover_interval_seconds) != 0 ||
        parse_long("LIBSTORE_RECOVER_AGE", env_or("LIBSTORE_RECOVER_AGE", "60"), 1, 86400,
                   &config->recover_age_seconds) != 0) {
        return -1;
    }
    /* Its entries are checked by store_open(), which names the bad one. */
    config->trusted_proxies = getenv("LIBSTORE_TRUSTED_PROXIES");
    if (webhook_environment_read(&config->webhooks) != 0) {
        return -1;
    }
    if (cors_policy_parse(&config->cors, getenv("LIBSTORE_ALLOWED_ORIGINS")) != 0) {
        fputs("LIBSTORE_ALLOWED_ORIGINS: out of memory\n", stderr);
        return -1;
    }
    return parse_admin(config);
}

store_options_t host_config_store_options(const host_config_t *config) {
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = config->uri;
    options.database = config->database;
    options.token_secret = config->secret;
    options.password_cost = config->password_cost;
    options.server_selection_timeout_ms = config->server_selection_timeout_ms;
    options.transactions = config->transactions;
    options.mail_callback = mail_outbox_deliver;
    options.mail_user_data = config->mail_dir;
    options.rate_limit_per_minute = config->rate_limit_per_minute;
    options.trusted_proxies = config->trusted_proxies;
    options.password_hash_concurrency = config->password_hash_concurrency;
    options.password_hash_wait_ms = config->password_hash_wait_ms;
    webhook_environment_apply(&config->webhooks, &options);
    return options;
}

void host_config_free(host_config_t *config) {
    cors_policy_free(&config->cors);
    free(config->admin_username);
    free(config->admin_email);
    free(config->mail_dir);
    config->admin_username = NULL;
    config->admin_email = NULL;
    config->mail_dir = NULL;
}
