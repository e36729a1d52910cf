#include "capi_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

test_database_t *capi_test_database = NULL;

int capi_fixture_group_setup(void **state) {
    (void)state;
    capi_test_database = test_database_start();
    return capi_test_database != NULL ? 0 : -1;
}

int capi_fixture_group_teardown(void **state) {
    (void)state;
    test_database_free(capi_test_database);
    capi_test_database = NULL;
    return 0;
}

store_options_t capi_test_options(void) {
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = test_database_uri(capi_test_database);
    options.database = test_database_name(capi_test_database);
    options.token_secret = CAPI_TEST_SECRET;
    options.password_cost = STORE_PASSWORD_COST_MINIMUM;
    options.server_selection_timeout_ms = 2000;
    const char *transactions = test_database_transactions(capi_test_database);
    options.transactions = strcmp(transactions, "always") == 0  ? STORE_TRANSACTIONS_ALWAYS
                           : strcmp(transactions, "never") == 0 ? STORE_TRANSACTIONS_NEVER
                                                                : STORE_TRANSACTIONS_AUTO;
    return options;
}

int capi_fixture_open_store(void **state) {
    if (!test_database_reset(capi_test_database)) {
        return -1;
    }
    store_options_t options = capi_test_options();
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store_open: %s (%s)\n", error.message, error.field);
        return -1;
    }
    *state = store;
    return 0;
}

int capi_fixture_close_store(void **state) {
    store_close(*state);
    *state = NULL;
    return 0;
}

void capi_create_user(store_t *store, const char *username, int admin, char **out_user_json) {
    char body[512];
    snprintf(body, sizeof body,
             "{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"%s\"}", username,
             username, CAPI_TEST_PASSWORD);
    char *user_json = NULL;
    store_error_t error;
    store_status_t status = admin ? store_create_admin(&user_json, store, body, &error)
                                  : store_register(&user_json, store, body, &error);
    if (status != STORE_OK) {
        fail_msg("creating %s: %s", username, error.message);
    }
    if (out_user_json != NULL) {
        *out_user_json = user_json;
    } else {
        store_free(user_json);
    }
}

store_session_t *capi_login(store_t *store, const char *username) {
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             CAPI_TEST_PASSWORD);
    char *token_json = NULL;
    store_error_t error;
    if (store_login(&token_json, store, body, &error) != STORE_OK) {
        fail_msg("login %s: %s", username, error.message);
    }
    char token[2048];
    capi_json_string(token_json, "access_token", token, sizeof token);
    store_free(token_json);
    store_session_t *session = NULL;
    if (store_session_open(&session, store, token, &error) != STORE_OK) {
        fail_msg("session %s: %s", username, error.message);
    }
    return session;
}

void capi_json_string(const char *json, const char *key, char *out, size_t size) {
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(json, pattern);
    if (start == NULL) {
        fail_msg("no string \"%s\" in %s", key, json);
    }
    start += strlen(pattern);
    const char *end = strchr(start, '"');
    size_t length = (size_t)(end - start);
    if (end == NULL || length >= size) {
        fail_msg("bad string \"%s\" in %s", key, json);
    }
    memcpy(out, start, length);
    out[length] = '\0';
}

long capi_command_count(store_t *store, const char *command) {
    char *stats = NULL;
    store_error_t error;
    if (store_stats(&stats, store, &error) != STORE_OK) {
        fail_msg("store_stats: %s", error.message);
    }
    /* {"commands":{"name":n,...},...}: the first object holds the commands. */
    const char *commands = strstr(stats, "\"commands\":{");
    const char *end = commands != NULL ? strchr(commands, '}') : NULL;
    if (end == NULL) {
        fail_msg("no commands in %s", stats);
    }
    char key[128];
    snprintf(key, sizeof key, "\"%s\":", command);
    const char *found = strstr(commands, key);
    long count = found != NULL && found < end ? strtol(found + strlen(key), NULL, 10) : 0;
    store_free(stats);
    return count;
}
