/* The LIBSTORE_WEBHOOK_* variables, read the same way by every C program that opens a store for
 * the hosts (store-httpd, store-admin):
 *
 *   LIBSTORE_WEBHOOK_ALLOW_PRIVATE     1: webhook URLs may point at loopback and private
 *                                      addresses (development, tests); default 0
 *   LIBSTORE_WEBHOOK_TIMEOUT_MS        one delivery attempt (default 10000)
 *   LIBSTORE_WEBHOOK_RETRY_INITIAL_MS  the first retry's wait, doubling to 1 h (default 1000)
 *   LIBSTORE_WEBHOOK_LEASE_MS          how long a deliverer holds a delivery, longer than the
 *                                      timeout (default 60000)
 *
 * Only their form is checked here; store_open() checks the ranges and names the option. */
#ifndef LIBSTORE_CLI_WEBHOOK_ENVIRONMENT_H
#define LIBSTORE_CLI_WEBHOOK_ENVIRONMENT_H

#include <libstore/store.h>

typedef struct webhook_environment {
    int allow_private;
    long timeout_ms;
    long retry_initial_ms;
    long lease_ms;
} webhook_environment_t;

/* Reads the variables (the defaults above for those unset). On a malformed one prints which
 * to stderr and returns -1. */
int webhook_environment_read(webhook_environment_t *out);

/* Copies them into `options` (version 4 and later). */
void webhook_environment_apply(const webhook_environment_t *settings, store_options_t *options);

#endif
