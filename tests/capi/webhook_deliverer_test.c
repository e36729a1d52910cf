/* store_deliverer_start()/store_deliverer_stop(): options, sweeps running in the background,
 * failures told through on_error, and stopping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <cmocka.h>

#include "capi_fixture.h"

static void expect_start_fails(store_t *store, const store_deliverer_options_t *options,
                               const char *field) {
    store_deliverer_t *deliverer = (store_deliverer_t *)(uintptr_t)1; /* reset to NULL */
    store_error_t error;
    assert_int_equal(store_deliverer_start(&deliverer, store, options, &error), STORE_EINVAL);
    assert_null(deliverer);
    assert_string_equal(error.field, field);
    assert_true(strlen(error.message) > 0);
}

static void bad_arguments_are_refused(void **state) {
    store_t *store = *state;
    store_deliverer_options_t options = STORE_DELIVERER_OPTIONS_INIT;
    options.idle_ms = 0;
    expect_start_fails(store, &options, "idle_ms");
    options.idle_ms = 30001;
    expect_start_fails(store, &options, "idle_ms");
    options = (store_deliverer_options_t)STORE_DELIVERER_OPTIONS_INIT;
    options.version = 0;
    expect_start_fails(store, &options, "version");
    expect_start_fails(NULL, NULL, "store");
    store_error_t error;
    assert_int_equal(store_deliverer_start(NULL, store, NULL, &error), STORE_EINVAL);
    store_deliverer_stop(NULL);
}

static void sweeps_run_in_the_background_until_stopped(void **state) {
    store_t *store = *state;
    store_deliverer_options_t options = STORE_DELIVERER_OPTIONS_INIT;
    options.idle_ms = 10;
    long before = capi_command_count(store, "find");
    store_deliverer_t *deliverer = NULL;
    store_error_t error;
    assert_int_equal(store_deliverer_start(&deliverer, store, &options, &error), STORE_OK);
    assert_non_null(deliverer);
    /* Every sweep reads the webhooks: the count grows by itself while the deliverer runs. */
    int grew = 0;
    for (int i = 0; i < 3000 && !grew; ++i) {
        grew = capi_command_count(store, "find") >= before + 3;
        if (!grew) {
            nanosleep(&(struct timespec){0, 1000000}, NULL);
        }
    }
    assert_true(grew);
    store_deliverer_stop(deliverer);
    long stopped = capi_command_count(store, "find");
    nanosleep(&(struct timespec){0, 50000000}, NULL);
    assert_int_equal(capi_command_count(store, "find"), stopped);
}

typedef struct failures {
    pthread_mutex_t mutex;
    pthread_cond_t told;
    int count;
    store_status_t last;
} failures_t;

static void count_failure(void *user_data, store_status_t status, const char *message) {
    failures_t *failures = user_data;
    assert_true(strlen(message) > 0);
    pthread_mutex_lock(&failures->mutex);
    failures->count += 1;
    failures->last = status;
    pthread_cond_broadcast(&failures->told);
    pthread_mutex_unlock(&failures->mutex);
}

static void an_unreachable_database_is_told_to_on_error(void **state) {
    (void)state;
    store_options_t store_options = capi_test_options();
    store_options.uri = "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=100";
    store_options.server_selection_timeout_ms = 100;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &store_options, &error), STORE_OK);
    failures_t failures = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, STORE_OK};
    store_deliverer_options_t options = STORE_DELIVERER_OPTIONS_INIT;
    options.idle_ms = 1;
    options.on_error = count_failure;
    options.user_data = &failures;
    store_deliverer_t *deliverer = NULL;
    assert_int_equal(store_deliverer_start(&deliverer, store, &options, &error), STORE_OK);
    pthread_mutex_lock(&failures.mutex);
    while (failures.count < 2) {
        pthread_cond_wait(&failures.told, &failures.mutex);
    }
    assert_int_equal(failures.last, STORE_EUNAVAILABLE);
    pthread_mutex_unlock(&failures.mutex);
    store_deliverer_stop(deliverer);
    store_close(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bad_arguments_are_refused, capi_fixture_open_store,
                                        capi_fixture_close_store),
        cmocka_unit_test_setup_teardown(sweeps_run_in_the_background_until_stopped,
                                        capi_fixture_open_store, capi_fixture_close_store),
        cmocka_unit_test(an_unreachable_database_is_told_to_on_error),
    };
    return cmocka_run_group_tests_name("webhook_deliverer", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
