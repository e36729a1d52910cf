/* store-admin: operator commands for a libstore database.
 *
 *   store-admin create-admin --username NAME --email EMAIL [--uri URI] [--database DB]
 *   store-admin recover [--uri URI] [--database DB]
 *   store-admin migrate [--uri URI] [--database DB]
 *   store-admin deliver [--once] [--uri URI] [--database DB]
 *
 * `recover` rolls back orders a crash left half-placed and completes half-done cancellations
 * (store_recover()); `migrate` rewrites documents an older libstore stored into the current
 * shape (store_migrate(); safe to run again). Both print what they did as JSON. `deliver` sends
 * webhooks (webhook_deliverer.h) until SIGINT or SIGTERM, beside any number of hosts and other
 * deliverers; with --once it runs one sweep (store_deliver()) and prints its report. It needs
 * the hosts' $LIBSTORE_SECRET (webhook secrets are sealed with it) and reads their
 * LIBSTORE_WEBHOOK_* settings.
 *
 * The password is read from standard input (its first line), so it never appears in the
 * process list or shell history:
 *
 *   printf '%s\n' "$ADMIN_PASSWORD" | store-admin create-admin --username root --email
 * root@example.com
 *
 * URI and database default to $MONGODB_URI and $LIBSTORE_DB ("libstore"); password hashing uses
 * $LIBSTORE_PASSWORD_COST (interactive, moderate or minimum; default interactive), transactions
 * $LIBSTORE_TRANSACTIONS (auto, always or never; default auto). */
#include <libstore/store.h>

#define _POSIX_C_SOURCE 200809L /* sigwait */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webhook_environment.h"

static void usage(FILE *out) {
    fputs(
        "usage: store-admin create-admin --username NAME --email EMAIL [--uri URI] "
        "[--database DB]\n"
        "       (the password is read from standard input)\n"
        "       store-admin recover [--uri URI] [--database DB]\n"
        "       store-admin migrate [--uri URI] [--database DB]\n"
        "       store-admin deliver [--once] [--uri URI] [--database DB]\n",
        out);
}

static store_password_cost_t password_cost_from_env(void) {
    const char *cost = getenv("LIBSTORE_PASSWORD_COST");
    if (cost != NULL && strcmp(cost, "minimum") == 0) {
        return STORE_PASSWORD_COST_MINIMUM;
    }
    if (cost != NULL && strcmp(cost, "moderate") == 0) {
        return STORE_PASSWORD_COST_MODERATE;
    }
    return STORE_PASSWORD_COST_INTERACTIVE;
}

/* This tool issues no tokens, but a store needs a signing key: a random one does. */
static int random_secret(char *out, size_t size) {
    unsigned char bytes[32];
    FILE *random = fopen("/dev/urandom", "rb");
    if (random == NULL || fread(bytes, 1, sizeof bytes, random) != sizeof bytes) {
        if (random != NULL) {
            fclose(random);
        }
        return -1;
    }
    fclose(random);
    for (size_t i = 0; i < sizeof bytes && 2 * i + 2 < size; ++i) {
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    }
    return 0;
}

/* Appends `text` to `out` as a JSON string literal. */
static int append_json_string(char *out, size_t size, const char *text) {
    size_t used = strlen(out);
    if (used + 2 >= size) {
        return -1;
    }
    out[used++] = '"';
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; ++p) {
        char escaped[8];
        if (*p == '"' || *p == '\\') {
            snprintf(escaped, sizeof escaped, "\\%c", *p);
        } else if (*p < 0x20) {
            snprintf(escaped, sizeof escaped, "\\u%04x", *p);
        } else {
            escaped[0] = (char)*p;
            escaped[1] = '\0';
        }
        size_t length = strlen(escaped);
        if (used + length + 2 >= size) {
            return -1;
        }
        memcpy(out + used, escaped, length);
        used += length;
    }
    out[used++] = '"';
    out[used] = '\0';
    return 0;
}

/* Opens the store named on the command line; prints why not and returns NULL on failure. The
 * signing key is $LIBSTORE_SECRET when set (the hosts'), else a random one. */
static store_t *open_store(const char *uri, const char *database) {
    char secret[65] = {0};
    const char *given_secret = getenv("LIBSTORE_SECRET");
    if (given_secret == NULL && random_secret(secret, sizeof secret) != 0) {
        fputs("store-admin: cannot read /dev/urandom\n", stderr);
        return NULL;
    }
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = uri;
    options.database = database;
    options.token_secret = given_secret != NULL ? given_secret : secret;
    webhook_environment_t webhooks;
    if (webhook_environment_read(&webhooks) != 0) {
        return NULL;
    }
    webhook_environment_apply(&webhooks, &options);
    options.password_cost = password_cost_from_env();
    store_error_t error;
    const char *transactions = getenv("LIBSTORE_TRANSACTIONS");
    if (transactions != NULL &&
        store_transactions_from_name(&options.transactions, transactions, &error) != STORE_OK) {
        fprintf(stderr, "store-admin: LIBSTORE_TRANSACTIONS: %s\n", error.message);
        return NULL;
    }
    store_t *store = NULL;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store-admin: cannot open the store: %s\n", error.message);
        return NULL;
    }
    return store;
}

typedef store_status_t (*report_fn)(char **, store_t *, store_error_t *);

/* Runs one store-wide operator action and prints its JSON report. */
static int report_action(const char *uri, const char *database, report_fn action) {
    store_t *store = open_store(uri, database);
    if (store == NULL) {
        return 1;
    }
    char *report = NULL;
    store_error_t error;
    store_status_t status = action(&report, store, &error);
    if (status != STORE_OK) {
        fprintf(stderr, "store-admin: %s: %s\n", store_status_name(status), error.message);
        store_close(store);
        return 1;
    }
    printf("%s\n", report);
    store_free(report);
    store_close(store);
    return 0;
}

static void print_delivery_failure(void *user_data, store_status_t status, const char *message) {
    (void)user_data;
    fprintf(stderr, "store-admin deliver: %s: %s\n", store_status_name(status), message);
}

/* Delivers webhooks until SIGINT or SIGTERM; with `once`, one sweep and its report. */
static int deliver(const char *uri, const char *database, int once) {
    if (getenv("LIBSTORE_SECRET") == NULL) {
        fputs(
            "store-admin deliver: set LIBSTORE_SECRET to the hosts' secret (webhook secrets "
            "are sealed with it)\n",
            stderr);
        return 2;
    }
    if (once) {
        return report_action(uri, database, store_deliver);
    }
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL); /* the deliverer's thread inherits it */
    store_t *store = open_store(uri, database);
    if (store == NULL) {
        return 1;
    }
    store_deliverer_options_t options = STORE_DELIVERER_OPTIONS_INIT;
    options.on_error = print_delivery_failure;
    store_deliverer_t *deliverer = NULL;
    store_error_t error;
    if (store_deliverer_start(&deliverer, store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store-admin deliver: %s\n", error.message);
        store_close(store);
        return 1;
    }
    fputs("store-admin deliver: delivering webhooks until SIGINT or SIGTERM\n", stderr);
    int received = 0;
    sigwait(&stop_signals, &received);
    store_deliverer_stop(deliverer);
    store_close(store);
    return 0;
}

static int create_admin(const char *uri, const char *database, const char *username,
                        const char *email) {
    char password[1024];
    if (fgets(password, sizeof password, stdin) == NULL) {
        fputs("store-admin: expected the password on standard input\n", stderr);
        return 2;
    }
    password[strcspn(password, "\r\n")] = '\0';

    store_t *store = open_store(uri, database);
    if (store == NULL) {
        return 1;
    }
    store_error_t error;
    char request[4096] = "{\"username\":";
    int ok = append_json_string(request, sizeof request, username) == 0;
    ok = ok && strlen(request) + 10 < sizeof request;
    if (ok) {
        strcat(request, ",\"email\":");
        ok = append_json_string(request, sizeof request, email) == 0;
    }
    ok = ok && strlen(request) + 13 < sizeof request;
    if (ok) {
        strcat(request, ",\"password\":");
        ok = append_json_string(request, sizeof request, password) == 0;
    }
    ok = ok && strlen(request) + 2 < sizeof request;
    memset(password, 0, sizeof password);
    if (!ok) {
        fputs("store-admin: arguments too long\n", stderr);
        store_close(store);
        return 2;
    }
    strcat(request, "}");

    char *user_json = NULL;
    store_status_t status = store_create_admin(&user_json, store, request, &error);
    memset(request, 0, sizeof request);
    if (status != STORE_OK) {
        fprintf(stderr, "store-admin: %s%s%s: %s\n", store_status_name(status),
                error.field[0] ? " in " : "", error.field, error.message);
        store_close(store);
        return status == STORE_ECONFLICT ? 3 : 1;
    }
    printf("%s\n", user_json);
    store_free(user_json);
    store_close(store);
    return 0;
}

int main(int argc, char **argv) {
    report_fn action = NULL;
    int delivering = argc >= 2 && strcmp(argv[1], "deliver") == 0;
    if (argc >= 2 && strcmp(argv[1], "recover") == 0) {
        action = store_recover;
    } else if (argc >= 2 && strcmp(argv[1], "migrate") == 0) {
        action = store_migrate;
    }
    if (argc < 2 || (strcmp(argv[1], "create-admin") != 0 && action == NULL && !delivering)) {
        usage(argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
        return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    const char *uri = getenv("MONGODB_URI");
    const char *database = getenv("LIBSTORE_DB");
    const char *username = NULL;
    const char *email = NULL;
    int once = 0;
    for (int i = 2; i < argc; ++i) {
        if (delivering && strcmp(argv[i], "--once") == 0) {
            once = 1;
            continue;
        }
        const char **target = NULL;
        if (strcmp(argv[i], "--uri") == 0) {
            target = &uri;
        } else if (strcmp(argv[i], "--database") == 0) {
            target = &database;
        } else if (strcmp(argv[i], "--username") == 0) {
            target = &username;
        } else if (strcmp(argv[i], "--email") == 0) {
            target = &email;
        }
        if (target == NULL || i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        *target = argv[++i];
    }
    if (uri == NULL) {
        fputs("store-admin: give --uri or set MONGODB_URI\n", stderr);
        return 2;
    }
    if (delivering) {
        return deliver(uri, database != NULL ? database : "libstore", once);
    }
    if (action != NULL) {
        return report_action(uri, database != NULL ? database : "libstore", action);
    }
    if (username == NULL || email == NULL) {
        usage(stderr);
        return 2;
    }
    return create_admin(uri, database != NULL ? database : "libstore", username, email);
}
