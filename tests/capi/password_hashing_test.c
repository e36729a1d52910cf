/* The password-hashing limit (store_options_t version 5) on the test database: a second
 * concurrent hash past the limit is refused with STORE_ERATELIMITED once its wait is over. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "capi_fixture.h"

#define LOGINS 4

static void options_default_to_the_cores_and_a_second(void **state) {
    (void)state;
    store_options_t options;
    memset(&options, 0xff, sizeof options);
    store_options_init(&options);
    assert_int_equal(options.version, STORE_OPTIONS_VERSION);
    assert_int_equal(options.password_hash_concurrency, 0);
    assert_int_equal(options.password_hash_wait_ms, 1000);
    store_options_t initialised = STORE_OPTIONS_INIT;
    assert_int_equal(initialised.password_hash_concurrency, 0);
    assert_int_equal(initialised.password_hash_wait_ms, 1000);
}

static void expect_open_fails(const store_options_t *options, const char *field) {
    store_t *store = (store_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_open(&store, options, &error), STORE_EINVAL);
    assert_null(store);
    assert_string_equal(error.field, field);
}

static void bad_hashing_options_are_refused_by_name(void **state) {
    (void)state;
    int32_t bad_limits[] = {-1, 1025, INT32_MIN, INT32_MAX};
    int32_t bad_waits[] = {-1, 60001, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < 4; ++i) {
        store_options_t options = capi_test_options();
        options.password_hash_concurrency = bad_limits[i];
        expect_open_fails(&options, "password_hash_concurrency");
        options = capi_test_options();
        options.password_hash_wait_ms = bad_waits[i];
        expect_open_fails(&options, "password_hash_wait_ms");
    }
}

/* The "password_hashing" member of store_stats(), as "limit":N,... text. */
static long hashing_count(store_t *store, const char *name) {
    char *stats = NULL;
    store_error_t error;
    assert_int_equal(store_stats(&stats, store, &error), STORE_OK);
    const char *section = strstr(stats, "\"password_hashing\":");
    assert_non_null(section);
    char key[64];
    snprintf(key, sizeof key, "\"%s\":", name);
    const char *member = strstr(section, key);
    assert_non_null(member);
    long count = strtol(member + strlen(key), NULL, 10);
    store_free(stats);
    return count;
}

/* A caller built against version 4 has neither field: whatever lies there is not read, and the
 * defaults hold (as many as there are cores). */
static void version_four_options_get_the_defaults(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.version = 4;
    options.password_hash_concurrency = -7;
    options.password_hash_wait_ms = -7;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    assert_int_equal(hashing_count(store, "limit"), cores < 1 ? 1 : cores);
    assert_int_equal(hashing_count(store, "in_use"), 0);
    store_close(store);
}

typedef struct login_attempt {
    store_t *store;
    pthread_barrier_t *start;
    store_status_t status;
    store_error_t error;
} login_attempt_t;

static void *attempt_login(void *argument) {
    login_attempt_t *attempt = argument;
    pthread_barrier_wait(attempt->start);
    char *token = NULL;
    attempt->status = store_login(&token, attempt->store,
                                  "{\"username\":\"ada\",\"password\":\"" CAPI_TEST_PASSWORD "\"}",
                                  &attempt->error);
    store_free(token);
    return NULL;
}

/* Limit 1, no wait, a cost whose hash takes long enough (hundreds of milliseconds) that logins
 * started together overlap: the first to take the turn logs in, the others are refused. */
static void past_the_limit_a_login_is_refused_after_its_wait(void **state) {
    (void)state;
    assert_true(test_database_reset(capi_test_database));
    store_options_t options = capi_test_options();
    options.password_cost = STORE_PASSWORD_COST_MODERATE;
    options.password_hash_concurrency = 1;
    options.password_hash_wait_ms = 0;
    options.rate_limit_per_minute = 0;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    capi_create_user(store, "ada", 0, NULL);
    assert_int_equal(hashing_count(store, "limit"), 1);

    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, LOGINS);
    login_attempt_t attempts[LOGINS];
    pthread_t threads[LOGINS];
    for (int i = 0; i < LOGINS; ++i) {
        memset(&attempts[i], 0, sizeof attempts[i]);
        attempts[i].store = store;
        attempts[i].start = &start;
        assert_int_equal(pthread_create(&threads[i], NULL, attempt_login, &attempts[i]), 0);
    }
    int succeeded = 0;
    int refused = 0;
    for (int i = 0; i < LOGINS; ++i) {
        pthread_join(threads[i], NULL);
        if (attempts[i].status == STORE_OK) {
            ++succeeded;
        } else {
            assert_int_equal(attempts[i].status, STORE_ERATELIMITED);
            assert_string_equal(attempts[i].error.field, "password");
            assert_int_equal(attempts[i].error.retry_after_seconds, 1);
            ++refused;
        }
    }
    pthread_barrier_destroy(&start);
    assert_true(succeeded >= 1);
    assert_true(refused >= 1);
    assert_int_equal(hashing_count(store, "refused"), refused);
    assert_int_equal(hashing_count(store, "in_use"), 0);
    /* Once the turn is free, the next login has it. */
    store_session_t *session = capi_login(store, "ada");
    store_session_free(session);
    store_close(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_default_to_the_cores_and_a_second),
        cmocka_unit_test(bad_hashing_options_are_refused_by_name),
        cmocka_unit_test(version_four_options_get_the_defaults),
        cmocka_unit_test(past_the_limit_a_login_is_refused_after_its_wait),
    };
    return cmocka_run_group_tests_name("password_hashing", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
