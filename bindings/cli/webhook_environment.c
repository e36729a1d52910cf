#include "webhook_environment.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Above every webhook_* bound of store_open() (7 days), so the library reports the range. */
#define WEBHOOK_MS_LIMIT 1000000000L

static int read_long(const char *name, long fallback, long max, long *out) {
    const char *text = getenv(name);
    if (text == NULL) {
        *out = fallback;
        return 0;
    }
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno != 0 || value < 0 || value > max) {
        fprintf(stderr, "%s must be a whole number from 0 to %ld, not '%s'\n", name, max, text);
        return -1;
    }
    *out = value;
    return 0;
}

int webhook_environment_read(webhook_environment_t *out) {
    long allow = 0;
    if (read_long("LIBSTORE_WEBHOOK_ALLOW_PRIVATE", 0, 1, &allow) != 0 ||
        read_long("LIBSTORE_WEBHOOK_TIMEOUT_MS", 10000, WEBHOOK_MS_LIMIT, &out->timeout_ms) != 0 ||
        read_long("LIBSTORE_WEBHOOK_RETRY_INITIAL_MS", 1000, WEBHOOK_MS_LIMIT,
                  &out->retry_initial_ms) != 0 ||
        read_long("LIBSTORE_WEBHOOK_LEASE_MS", 60000, WEBHOOK_MS_LIMIT, &out->lease_ms) != 0) {
        return -1;
    }
    out->allow_private = (int)allow;
    return 0;
}

void webhook_environment_apply(const webhook_environment_t *settings, store_options_t *options) {
    options->webhook_allow_private = settings->allow_private;
    options->webhook_timeout_ms = settings->timeout_ms;
    options->webhook_retry_initial_ms = settings->retry_initial_ms;
    options->webhook_lease_ms = settings->lease_ms;
}
