/* store_rate_limit_hit() and the version-3 options behind it, on the test database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "capi_fixture.h"

/* The counts are per clock minute: a sequence that must stay inside one minute starts with at
 * least this many seconds of it left (a wait of at most this long, never a timing assertion). */
#define SECONDS_NEEDED_IN_THE_MINUTE 10

static void wait_for_room_in_the_minute(void) {
    time_t now = time(NULL);
    int left = 60 - (int)(now % 60);
    if (left < SECONDS_NEEDED_IN_THE_MINUTE) {
        sleep((unsigned int)left + 1);
    }
}

static store_t *open_with(int32_t limit, const char *trusted_proxies) {
    assert_true(test_database_reset(capi_test_database));
    store_options_t options = capi_test_options();
    options.rate_limit_per_minute = limit;
    options.trusted_proxies = trusted_proxies;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    return store;
}

static store_status_t hit(store_t *store, const char *action, const char *peer,
                          const char *forwarded_for, store_error_t *error) {
    return store_rate_limit_hit(store, action, peer, forwarded_for, error);
}

static void options_default_to_sixty_and_no_proxies(void **state) {
    (void)state;
    store_options_t options;
    memset(&options, 0xff, sizeof options);
    store_options_init(&options);
    assert_int_equal(options.version, STORE_OPTIONS_VERSION);
    assert_int_equal(options.rate_limit_per_minute, 60);
    assert_null(options.trusted_proxies);
    store_options_t initialised = STORE_OPTIONS_INIT;
    assert_int_equal(initialised.rate_limit_per_minute, 60);
    assert_null(initialised.trusted_proxies);
}

static void expect_open_fails(const store_options_t *options, const char *field,
                              const char *in_message) {
    store_t *store = (store_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_open(&store, options, &error), STORE_EINVAL);
    assert_null(store);
    assert_string_equal(error.field, field);
    assert_non_null(strstr(error.message, in_message));
}

static void bad_rate_limit_options_are_refused_by_name(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.rate_limit_per_minute = -1;
    expect_open_fails(&options, "rate_limit_per_minute", "rate limit");
    options.rate_limit_per_minute = 1000001;
    expect_open_fails(&options, "rate_limit_per_minute", "rate limit");
    options.rate_limit_per_minute = INT32_MIN;
    expect_open_fails(&options, "rate_limit_per_minute", "rate limit");

    const char *bad_proxies[] = {"nope",         "10.0.0.1/8", "10.0.0.0/8,",    "10.0.0.0/33",
                                 "2001:db8::/x", ",",          "1.2.3.4 5.6.7.8"};
    for (size_t i = 0; i < sizeof bad_proxies / sizeof bad_proxies[0]; ++i) {
        options = capi_test_options();
        options.trusted_proxies = bad_proxies[i];
        expect_open_fails(&options, "trusted_proxies", "trusted_proxies");
    }
    options = capi_test_options();
    options.trusted_proxies = "10.0.0.0/8, proxy.internal";
    expect_open_fails(&options, "trusted_proxies", "'proxy.internal'");
}

/* A caller built against version 2 has neither field: whatever lies there is not read, and the
 * defaults hold (60 a minute). */
static void version_two_options_get_the_defaults(void **state) {
    (void)state;
    assert_true(test_database_reset(capi_test_database));
    store_options_t options = capi_test_options();
    options.version = 2;
    options.rate_limit_per_minute = -5;
    options.trusted_proxies = "not a proxy list";
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    wait_for_room_in_the_minute();
    for (int i = 0; i < 60; ++i) {
        assert_int_equal(hit(store, "login", "203.0.113.9", NULL, &error), STORE_OK);
    }
    assert_int_equal(hit(store, "login", "203.0.113.9", NULL, &error), STORE_ERATELIMITED);
    store_close(store);
}

static void the_request_past_the_limit_waits_for_the_minute(void **state) {
    (void)state;
    store_t *store = open_with(3, NULL);
    store_error_t error;
    wait_for_room_in_the_minute();
    long before = capi_command_count(store, "findAndModify");
    for (int i = 0; i < 3; ++i) {
        assert_int_equal(hit(store, "register", "203.0.113.9", NULL, &error), STORE_OK);
    }
    assert_int_equal(capi_command_count(store, "findAndModify") - before, 3);
    memset(&error, 0, sizeof error);
    assert_int_equal(hit(store, "register", "203.0.113.9", NULL, &error), STORE_ERATELIMITED);
    assert_int_equal(error.code, STORE_ERATELIMITED);
    assert_true(error.retry_after_seconds >= 1 && error.retry_after_seconds <= 60);
    assert_string_equal(error.field, "");
    assert_true(strlen(error.message) > 0);
    /* Other actions and other addresses have counts of their own. */
    assert_int_equal(hit(store, "login", "203.0.113.9", NULL, &error), STORE_OK);
    assert_int_equal(hit(store, "refresh", "203.0.113.9", NULL, &error), STORE_OK);
    assert_int_equal(hit(store, "password_reset", "203.0.113.9", NULL, &error), STORE_OK);
    assert_int_equal(hit(store, "register", "203.0.113.10", NULL, &error), STORE_OK);
    assert_int_equal(hit(store, "register", "::ffff:203.0.113.9", NULL, &error),
                     STORE_ERATELIMITED);
    store_close(store);
}

static void forwarded_for_counts_only_from_a_trusted_proxy(void **state) {
    (void)state;
    store_t *store = open_with(2, "127.0.0.0/8, ::1");
    store_error_t error;
    wait_for_room_in_the_minute();
    /* Through the trusted proxy each client has its own count. */
    assert_int_equal(hit(store, "login", "127.0.0.1", "198.51.100.1", &error), STORE_OK);
    assert_int_equal(hit(store, "login", "127.0.0.1", "198.51.100.1", &error), STORE_OK);
    assert_int_equal(hit(store, "login", "::1", "5.5.5.5, 198.51.100.1", &error),
                     STORE_ERATELIMITED);
    assert_int_equal(hit(store, "login", "127.0.0.1", "198.51.100.2", &error), STORE_OK);
    /* An untrusted peer cannot pick a new address per request. */
    assert_int_equal(hit(store, "login", "203.0.113.9", "198.51.100.3", &error), STORE_OK);
    assert_int_equal(hit(store, "login", "203.0.113.9", "198.51.100.4", &error), STORE_OK);
    assert_int_equal(hit(store, "login", "203.0.113.9", "198.51.100.5", &error),
                     STORE_ERATELIMITED);
    store_close(store);
}

static void bad_arguments_are_invalid_and_limit_zero_is_off(void **state) {
    (void)state;
    store_t *store = open_with(0, NULL);
    store_error_t error;
    long before = capi_command_count(store, "findAndModify");
    for (int i = 0; i < 100; ++i) {
        assert_int_equal(hit(store, "login", "203.0.113.9", NULL, &error), STORE_OK);
    }
    assert_int_equal(capi_command_count(store, "findAndModify"), before);
    assert_int_equal(hit(NULL, "login", "203.0.113.9", NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "store");
    assert_int_equal(hit(store, NULL, "203.0.113.9", NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "action");
    assert_int_equal(hit(store, "logout", "203.0.113.9", NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "action");
    assert_int_equal(hit(store, "login", NULL, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "peer_address");
    assert_int_equal(hit(store, "login", "two words", NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "peer_address");
    assert_int_equal(hit(store, "login", "203.0.113.9", NULL, NULL), STORE_OK);
    store_close(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_default_to_sixty_and_no_proxies),
        cmocka_unit_test(bad_rate_limit_options_are_refused_by_name),
        cmocka_unit_test(version_two_options_get_the_defaults),
        cmocka_unit_test(the_request_past_the_limit_waits_for_the_minute),
        cmocka_unit_test(forwarded_for_counts_only_from_a_trusted_proxy),
        cmocka_unit_test(bad_arguments_are_invalid_and_limit_zero_is_off),
    };
    return cmocka_run_group_tests_name("rate_limits", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
