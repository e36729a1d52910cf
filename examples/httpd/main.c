/* store-httpd: the libstore shop over HTTP (shared/API.md), a C host on the stable C ABI.
 *
 * Configured by the environment exactly as examples/flask/app.py is (see host_config.h):
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27017 LIBSTORE_SECRET=... PORT=8000 store-httpd
 *
 * Delivers webhooks (unless LIBSTORE_DELIVER=0) and recovers from crashes (unless
 * LIBSTORE_RECOVER_INTERVAL=0) in the background. Runs until SIGINT or SIGTERM, then finishes the
 * requests in flight and the sweeps in progress, and exits 0. */
#define _POSIX_C_SOURCE 200809L /* sigwait */

#include <libstore/store.h>

#include <signal.h>
#include <stdio.h>

#include "admin_bootstrap.h"
#include "host_config.h"
#include "http_server.h"

/* Blocks until SIGINT or SIGTERM. The signals are blocked in every thread (MHD's inherit the
 * mask), so only this wait receives them and the shutdown runs as ordinary code. */
static void wait_for_stop_signal(const sigset_t *signals) {
    int received = 0;
    sigwait(signals, &received);
}

static void print_delivery_failure(void *user_data, store_status_t status, const char *message) {
    (void)user_data;
    fprintf(stderr, "webhook deliverer: %s: %s\n", store_status_name(status), message);
}

static void print_recovery_failure(void *user_data, store_status_t status, const char *message) {
    (void)user_data;
    fprintf(stderr, "recoverer: %s: %s\n", store_status_name(status), message);
}

/* The recoverer LIBSTORE_RECOVER_INTERVAL asks for: 0 and *out_recoverer NULL when it is 0. */
static int start_recoverer(store_recoverer_t **out_recoverer, store_t *store,
                           const host_config_t *config) {
    *out_recoverer = NULL;
    if (config->recover_interval_seconds == 0) {
        return 0;
    }
    store_recoverer_options_t options = STORE_RECOVERER_OPTIONS_INIT;
    options.interval_ms = config->recover_interval_seconds * 1000;
    options.min_age_ms = config->recover_age_seconds * 1000;
    options.on_error = print_recovery_failure;
    store_error_t error;
    if (store_recoverer_start(out_recoverer, store, &options, &error) != STORE_OK) {
        fprintf(stderr, "cannot start the recoverer: %s\n", error.message);
        return -1;
    }
    return 0;
}

int main(void) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    /* A client that hangs up mid-response must not end the process. */
    signal(SIGPIPE, SIG_IGN);

    host_config_t config;
    if (host_config_from_env(&config) != 0) {
        host_config_free(&config);
        return 1;
    }
    store_options_t options = host_config_store_options(&config);
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "cannot open the store: %s%s%s\n", error.message,
                error.field[0] != '\0' ? " in " : "", error.field);
        host_config_free(&config);
        return 1;
    }
    int exit_code = 1;
    http_server_t *server = NULL;
    if (admin_bootstrap(store, &config) == 0) {
        server = http_server_start(store, &config);
    }
    store_deliverer_t *deliverer = NULL;
    if (server != NULL && config.deliver) {
        store_deliverer_options_t deliverer_options = STORE_DELIVERER_OPTIONS_INIT;
        deliverer_options.on_error = print_delivery_failure;
        if (store_deliverer_start(&deliverer, store, &deliverer_options, &error) != STORE_OK) {
            fprintf(stderr, "cannot start the webhook deliverer: %s\n", error.message);
            http_server_stop(server);
            server = NULL;
        }
    }
    store_recoverer_t *recoverer = NULL;
    if (server != NULL && start_recoverer(&recoverer, store, &config) != 0) {
        http_server_stop(server);
        server = NULL;
    }
    if (server != NULL) {
        fprintf(stderr, "libstore %s shop on http://%s:%u\n", store_version(), config.host,
                http_server_port(server));
        wait_for_stop_signal(&stop_signals);
        http_server_stop(server);
        store_recoverer_stop(recoverer);
        store_deliverer_stop(deliverer);
        exit_code = 0;
    }
    if (exit_code != 0) {
        store_deliverer_stop(deliverer);
    }
    store_close(store);
    host_config_free(&config);
    return exit_code;
}
