/* The engine handle: options, open/close, ping, version, status names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "capi_fixture.h"

static double seconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void expect_open_fails(const store_options_t *options, store_status_t status,
                              const char *field) {
    store_t *store = (store_t *)(uintptr_t)1; /* must be reset to NULL on failure */
    store_error_t error;
    assert_int_equal(store_open(&store, options, &error), status);
    assert_null(store);
    assert_int_equal(error.code, status);
    assert_string_equal(error.field, field);
    assert_true(strlen(error.message) > 0);
}

static void options_init_gives_documented_defaults(void **state) {
    (void)state;
    store_options_t options;
    memset(&options, 0xff, sizeof options);
    store_options_init(&options);
    assert_int_equal(options.version, STORE_OPTIONS_VERSION);
    assert_null(options.uri);
    assert_string_equal(options.database, "libstore");
    assert_null(options.token_secret);
    assert_int_equal(options.token_lifetime_seconds, 900);
    assert_int_equal(options.password_cost, STORE_PASSWORD_COST_INTERACTIVE);
    assert_int_equal(options.server_selection_timeout_ms, 5000);
    assert_int_equal(options.transactions, STORE_TRANSACTIONS_AUTO);
    store_options_t initialised = STORE_OPTIONS_INIT;
    assert_int_equal(initialised.transactions, STORE_TRANSACTIONS_AUTO);
}

static void transactions_names_are_parsed(void **state) {
    (void)state;
    store_transactions_t mode = STORE_TRANSACTIONS_AUTO;
    store_error_t error;
    assert_int_equal(store_transactions_from_name(&mode, "always", &error), STORE_OK);
    assert_int_equal(mode, STORE_TRANSACTIONS_ALWAYS);
    assert_int_equal(store_transactions_from_name(&mode, "never", &error), STORE_OK);
    assert_int_equal(mode, STORE_TRANSACTIONS_NEVER);
    assert_int_equal(store_transactions_from_name(&mode, "auto", &error), STORE_OK);
    assert_int_equal(mode, STORE_TRANSACTIONS_AUTO);
    assert_int_equal(store_transactions_from_name(&mode, "sometimes", &error), STORE_EINVAL);
    assert_string_equal(error.field, "transactions");
    assert_int_equal(store_transactions_from_name(&mode, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "transactions");
    assert_int_equal(store_transactions_from_name(NULL, "auto", &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_transactions");
}

/* A caller built against version 1 of the struct has no `transactions` field: whatever lies
 * there is not read. */
static void version_one_options_ignore_later_fields(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.version = 1;
    options.transactions = (store_transactions_t)77;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    store_close(store);
}

static void open_rejects_bad_options(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    store_error_t error;
    assert_int_equal(store_open(NULL, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_store");

    store_t *store = NULL;
    assert_int_equal(store_open(&store, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "options");

    options = capi_test_options();
    options.uri = NULL;
    expect_open_fails(&options, STORE_EINVAL, "uri");
    options.uri = "";
    expect_open_fails(&options, STORE_EINVAL, "uri");
    options.uri = "http://not-mongodb";
    expect_open_fails(&options, STORE_EINVAL, "uri");
    options.uri = "mongodb://";
    expect_open_fails(&options, STORE_EINVAL, "uri");

    options = capi_test_options();
    options.token_secret = "too-short";
    expect_open_fails(&options, STORE_EINVAL, "token_secret");
    options.token_secret = NULL;
    expect_open_fails(&options, STORE_EINVAL, "token_secret");

    options = capi_test_options();
    options.database = "bad.name";
    expect_open_fails(&options, STORE_EINVAL, "database");

    options = capi_test_options();
    options.version = 0;
    expect_open_fails(&options, STORE_EINVAL, "version");
    options.version = STORE_OPTIONS_VERSION + 1;
    expect_open_fails(&options, STORE_EINVAL, "version");

    options = capi_test_options();
    options.password_cost = (store_password_cost_t)42;
    expect_open_fails(&options, STORE_EINVAL, "password_cost");

    options = capi_test_options();
    options.transactions = (store_transactions_t)3;
    expect_open_fails(&options, STORE_EINVAL, "transactions");
    options.transactions = (store_transactions_t)-1;
    expect_open_fails(&options, STORE_EINVAL, "transactions");
}

static void open_accepts_null_error(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.uri = "";
    store_t *store = NULL;
    assert_int_equal(store_open(&store, &options, NULL), STORE_EINVAL);
    assert_null(store);
}

static void ping_reaches_the_database(void **state) {
    store_error_t error;
    assert_int_equal(store_ping(*state, &error), STORE_OK);
    assert_int_equal(error.code, STORE_OK);
}

static void open_creates_indexes(void **state) {
    assert_true(capi_command_count(*state, "createIndexes") > 0);
}

static void stats_count_every_command_on_the_client(void **state) {
    store_t *store = *state;
    long pings = capi_command_count(store, "ping");
    store_error_t error;
    for (int i = 0; i < 3; ++i) {
        assert_int_equal(store_ping(store, &error), STORE_OK);
    }
    assert_int_equal(capi_command_count(store, "ping"), pings + 3);
    char *stats = NULL;
    assert_int_equal(store_stats(&stats, store, &error), STORE_OK);
    assert_non_null(strstr(stats, "\"failures\":{"));
    assert_non_null(strstr(stats, "\"retries\":"));
    assert_non_null(strstr(stats, "\"transactions\":{\"started\":"));
    assert_non_null(strstr(stats, "\"pool_waits\":"));
    store_free(stats);
    /* Reading the statistics is not a round trip. */
    assert_int_equal(capi_command_count(store, "ping"), pings + 3);

    stats = (char *)"untouched";
    assert_int_equal(store_stats(&stats, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "store");
    assert_null(stats);
    assert_int_equal(store_stats(NULL, store, &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_stats_json");
}

static void ping_null_store_is_invalid(void **state) {
    (void)state;
    store_error_t error;
    assert_int_equal(store_ping(NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "store");
}

static void unreachable_database_opens_and_ping_is_unavailable_in_time(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.uri = "mongodb://127.0.0.1:9/"; /* discard port: nothing listens */
    options.server_selection_timeout_ms = 300;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(store_ping(store, &error), STORE_EUNAVAILABLE);
    assert_true(seconds_since(&start) < 5.0);
    assert_string_equal(store_status_name(error.code), "unavailable");
    store_close(store);
}

static void close_and_free_accept_null(void **state) {
    (void)state;
    store_close(NULL);
    store_free(NULL);
}

static void version_matches_headers(void **state) {
    (void)state;
    assert_string_equal(store_version(), STORE_VERSION_STRING);
    assert_true(STORE_VERSION_NUMBER >= STORE_VERSION_ENCODE(0, 1, 0));
}

static void status_names_and_http_codes_follow_the_api(void **state) {
    (void)state;
    assert_string_equal(store_status_name(STORE_OK), "ok");
    assert_string_equal(store_status_name(STORE_EINVAL), "invalid_argument");
    assert_string_equal(store_status_name(STORE_ETOOLARGE), "payload_too_large");
    assert_string_equal(store_status_name((store_status_t)999), "internal");
    assert_int_equal(store_status_http_code(STORE_EINVAL), 400);
    assert_int_equal(store_status_http_code(STORE_EUNAUTHENTICATED), 401);
    assert_int_equal(store_status_http_code(STORE_EFORBIDDEN), 403);
    assert_int_equal(store_status_http_code(STORE_ENOTFOUND), 404);
    assert_int_equal(store_status_http_code(STORE_ECONFLICT), 409);
    assert_int_equal(store_status_http_code(STORE_ETOOLARGE), 413);
    assert_int_equal(store_status_http_code(STORE_ERATELIMITED), 429);
    assert_int_equal(store_status_http_code(STORE_EUNAVAILABLE), 503);
    assert_int_equal(store_status_http_code(STORE_EINTERNAL), 500);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_init_gives_documented_defaults),
        cmocka_unit_test(open_rejects_bad_options),
        cmocka_unit_test(open_accepts_null_error),
        cmocka_unit_test(version_one_options_ignore_later_fields),
        cmocka_unit_test(transactions_names_are_parsed),
        cmocka_unit_test_setup_teardown(ping_reaches_the_database, capi_fixture_open_store,
                                        capi_fixture_close_store),
        cmocka_unit_test_setup_teardown(stats_count_every_command_on_the_client,
                                        capi_fixture_open_store, capi_fixture_close_store),
        cmocka_unit_test_setup_teardown(open_creates_indexes, capi_fixture_open_store,
                                        capi_fixture_close_store),
        cmocka_unit_test(ping_null_store_is_invalid),
        cmocka_unit_test(unreachable_database_opens_and_ping_is_unavailable_in_time),
        cmocka_unit_test(close_and_free_accept_null),
        cmocka_unit_test(version_matches_headers),
        cmocka_unit_test(status_names_and_http_codes_follow_the_api),
    };
    return cmocka_run_group_tests_name("engine", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
