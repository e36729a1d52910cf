/* store_recoverer_start() / store_recoverer_stop() on the test database: the options, and a
 * recoverer that sweeps on its interval until stopped. What a sweep puts right is tested where a
 * crash can be simulated (tests/core/integration/orders_test.cpp,
 * tests/http/test_crash_recovery.py). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "capi_fixture.h"

static void sleep_ms(long milliseconds) {
    struct timespec wait = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
    nanosleep(&wait, NULL);
}

static void options_default_to_thirty_seconds_and_a_minute(void **state) {
    (void)state;
    store_recoverer_options_t options = STORE_RECOVERER_OPTIONS_INIT;
    assert_int_equal(options.version, STORE_RECOVERER_OPTIONS_VERSION);
    assert_int_equal(options.interval_ms, 30000);
    assert_int_equal(options.min_age_ms, 60000);
    assert_null(options.on_error);
}

static void expect_refused(store_t *store, const store_recoverer_options_t *options,
                           const char *field) {
    store_recoverer_t *recoverer = (store_recoverer_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_recoverer_start(&recoverer, store, options, &error), STORE_EINVAL);
    assert_null(recoverer);
    assert_string_equal(error.field, field);
}

static void bad_options_are_refused_by_name(void **state) {
    store_t *store = *state;
    store_recoverer_options_t options = STORE_RECOVERER_OPTIONS_INIT;
    options.interval_ms = 0;
    expect_refused(store, &options, "interval_ms");
    options.interval_ms = 86400001;
    expect_refused(store, &options, "interval_ms");
    options = (store_recoverer_options_t)STORE_RECOVERER_OPTIONS_INIT;
    options.min_age_ms = 999;
    expect_refused(store, &options, "min_age_ms");
    options.min_age_ms = INT64_MAX;
    expect_refused(store, &options, "min_age_ms");
    options = (store_recoverer_options_t)STORE_RECOVERER_OPTIONS_INIT;
    options.version = 0;
    expect_refused(store, &options, "version");
    store_error_t error;
    assert_int_equal(store_recoverer_start(NULL, store, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_recoverer");
    store_recoverer_stop(NULL);
}

/* Every sweep reads the orders in recovery's states: the store's find count grows while the
 * recoverer runs, and not once it is stopped. */
static void a_recoverer_sweeps_on_its_interval_until_stopped(void **state) {
    store_t *store = *state;
    store_recoverer_options_t options = STORE_RECOVERER_OPTIONS_INIT;
    options.interval_ms = 10;
    options.min_age_ms = 1000;
    store_recoverer_t *recoverer = NULL;
    store_error_t error;
    long before = capi_command_count(store, "find");
    assert_int_equal(store_recoverer_start(&recoverer, store, &options, &error), STORE_OK);
    assert_non_null(recoverer);
    /* A wait for the condition, never a timing assertion. */
    for (int i = 0; i < 1000 && capi_command_count(store, "find") - before < 10; ++i) {
        sleep_ms(10);
    }
    assert_true(capi_command_count(store, "find") - before >= 10);
    store_recoverer_stop(recoverer);
    long stopped = capi_command_count(store, "find");
    sleep_ms(100);
    assert_int_equal(capi_command_count(store, "find"), stopped);
}

static void the_defaults_start_and_stop_at_once(void **state) {
    store_t *store = *state;
    store_recoverer_t *recoverer = NULL;
    store_error_t error;
    assert_int_equal(store_recoverer_start(&recoverer, store, NULL, &error), STORE_OK);
    store_recoverer_stop(recoverer); /* within the first sweep, not after the 30 s interval */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_default_to_thirty_seconds_and_a_minute),
        cmocka_unit_test_setup_teardown(bad_options_are_refused_by_name, capi_fixture_open_store,
                                        capi_fixture_close_store),
        cmocka_unit_test_setup_teardown(a_recoverer_sweeps_on_its_interval_until_stopped,
                                        capi_fixture_open_store, capi_fixture_close_store),
        cmocka_unit_test_setup_teardown(the_defaults_start_and_stop_at_once,
                                        capi_fixture_open_store, capi_fixture_close_store),
    };
    return cmocka_run_group_tests_name("recoverer", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
