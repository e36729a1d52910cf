/* The events feed through the C ABI: store_events_list() for trusted consumers and
 * store_session_events_list() for admins, paging with after/limit, refusals naming the field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

static int occurrences(const char *text, const char *needle) {
    int count = 0;
    for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle)) {
        ++count;
    }
    return count;
}

static void registrations_are_read_in_id_order_and_paged(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    capi_create_user(store, "bob", 0, NULL);
    capi_create_user(store, "cyd", 0, NULL);
    char *page = NULL;
    store_error_t error;
    assert_int_equal(store_events_list(&page, store, NULL, &error), STORE_OK);
    assert_int_equal(occurrences(page, "\"type\":\"user.registered\""), 3);
    assert_non_null(strstr(page, "\"next_after\":3"));
    const char *ada = strstr(page, "\"username\":\"ada\"");
    const char *cyd = strstr(page, "\"username\":\"cyd\"");
    assert_true(ada != NULL && cyd != NULL && ada < cyd);
    store_free(page);

    assert_int_equal(store_events_list(&page, store, "{\"after\":1,\"limit\":1}", &error),
                     STORE_OK);
    assert_non_null(strstr(page, "\"id\":2"));
    assert_non_null(strstr(page, "\"username\":\"bob\""));
    assert_int_equal(occurrences(page, "\"type\":"), 1);
    assert_non_null(strstr(page, "\"next_after\":2"));
    store_free(page);

    assert_int_equal(store_events_list(&page, store, "{\"after\":3}", &error), STORE_OK);
    assert_non_null(strstr(page, "\"items\":[]"));
    assert_non_null(strstr(page, "\"next_after\":3"));
    store_free(page);
}

static void bad_queries_are_refused_naming_the_field(void **state) {
    store_t *store = *state;
    static const struct {
        const char *query;
        const char *field;
    } bad[] = {
        {"{\"after\":-1}", "after"},   {"{\"after\":\"x\"}", "after"},   {"{\"limit\":0}", "limit"},
        {"{\"limit\":1001}", "limit"}, {"{\"cursor\":\"a\"}", "cursor"}, {"[1]", "query_json"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        char *page = (char *)(uintptr_t)1;
        store_error_t error;
        assert_int_equal(store_events_list(&page, store, bad[i].query, &error), STORE_EINVAL);
        assert_null(page);
        assert_string_equal(error.field, bad[i].field);
    }
    store_error_t error;
    assert_int_equal(store_events_list(NULL, store, NULL, &error), STORE_EINVAL);
}

static void only_admins_read_the_feed_through_a_session(void **state) {
    store_t *store = *state;
    capi_create_user(store, "root", 1, NULL);
    capi_create_user(store, "ada", 0, NULL);
    store_session_t *root = capi_login(store, "root");
    store_session_t *ada = capi_login(store, "ada");
    char *page = NULL;
    store_error_t error;
    assert_int_equal(store_session_events_list(&page, ada, NULL, &error), STORE_EFORBIDDEN);
    assert_null(page);
    assert_int_equal(store_session_events_list(&page, root, "{\"limit\":\"1\"}", &error), STORE_OK);
    assert_int_equal(occurrences(page, "\"type\":\"user.registered\""), 1);
    assert_non_null(strstr(page, "\"username\":\"root\""));
    store_free(page);
    store_session_free(root);
    store_session_free(ada);
}

#define EVENTS_TEST(name) \
    cmocka_unit_test_setup_teardown(name, capi_fixture_open_store, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        EVENTS_TEST(registrations_are_read_in_id_order_and_paged),
        EVENTS_TEST(bad_queries_are_refused_naming_the_field),
        EVENTS_TEST(only_admins_read_the_feed_through_a_session),
    };
    return cmocka_run_group_tests_name("events", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
