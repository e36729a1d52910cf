/* Webhooks through the public C ABI: administration with the secret shown once, validation
 * naming the field, admins only, the version-4 options and their checks, and store_deliver()
 * reporting a sweep. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

static int setup_shop(void **state) {
    if (capi_fixture_open_store(state) != 0) {
        return -1;
    }
    capi_create_user(*state, "root", 1, NULL);
    capi_create_user(*state, "ada", 0, NULL);
    return 0;
}

static void administration_and_the_secret_shown_once(void **state) {
    store_t *store = *state;
    store_session_t *admin = capi_login(store, "root");
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_webhook_create(&json, admin,
                                          "{\"url\":\"https://erp.example.com/in\","
                                          "\"events\":[\"order.placed\",\"order.cancelled\"]}",
                                          &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"secret\":\"whsec_"));
    assert_non_null(strstr(json, "\"active\":true"));
    char id[25];
    capi_json_string(json, "id", id, sizeof id);
    store_free(json);

    assert_int_equal(store_webhook_get(&json, admin, id, &error), STORE_OK);
    assert_null(strstr(json, "secret"));
    store_free(json);
    assert_int_equal(store_webhooks_list(&json, admin, NULL, &error), STORE_OK);
    assert_non_null(strstr(json, id));
    assert_null(strstr(json, "secret"));
    store_free(json);
    assert_int_equal(store_webhook_update(&json, admin, id, "{\"active\":false}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"active\":false"));
    store_free(json);
    assert_int_equal(store_webhook_deliveries(&json, admin, id, "{\"limit\":5}", &error), STORE_OK);
    assert_string_equal(json, "{\"items\":[],\"next_cursor\":null}");
    store_free(json);
    assert_int_equal(store_webhook_delete(admin, id, &error), STORE_OK);
    assert_int_equal(store_webhook_get(&json, admin, id, &error), STORE_ENOTFOUND);
    assert_int_equal(store_webhook_delete(admin, id, &error), STORE_ENOTFOUND);
    assert_int_equal(store_webhook_get(&json, admin, "not-an-id", &error), STORE_ENOTFOUND);
    assert_null(json);
    store_session_free(admin);
}

static void validation_names_the_field(void **state) {
    store_t *store = *state;
    store_session_t *admin = capi_login(store, "root");
    static const struct {
        const char *body;
        const char *field;
    } cases[] = {
        {"{\"url\":\"ftp://example.com/\",\"events\":[\"*\"]}", "url"},
        {"{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"*\"]}", "url"},
        {"{\"url\":\"http://[fe80::1]/\",\"events\":[\"*\"]}", "url"},
        {"{\"url\":\"https://example.com/\",\"events\":[]}", "events"},
        {"{\"url\":\"https://example.com/\",\"events\":[\"order.shipped\"]}", "events"},
        {"{\"url\":\"https://example.com/\",\"events\":[\"*\"],\"active\":1}", "active"},
        {"{\"url\":\"https://example.com/\",\"events\":[\"*\"],\"cursor\":0}", "cursor"},
        {"[1]", "webhook_json"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        char *json = NULL;
        store_error_t error;
        assert_int_equal(store_webhook_create(&json, admin, cases[i].body, &error), STORE_EINVAL);
        assert_string_equal(error.field, cases[i].field);
        assert_null(json);
    }
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_webhook_create(&json, admin, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_webhook_create(NULL, admin, "{}", &error), STORE_EINVAL);
    assert_int_equal(store_webhook_update(&json, admin, NULL, "{\"active\":true}", &error),
                     STORE_EINVAL);
    store_session_free(admin);
}

static void only_admins(void **state) {
    store_t *store = *state;
    store_session_t *ada = capi_login(store, "ada");
    char *json = NULL;
    store_error_t error;
    assert_int_equal(
        store_webhook_create(&json, ada, "{\"url\":\"https://example.com/\",\"events\":[\"*\"]}",
                             &error),
        STORE_EFORBIDDEN);
    assert_int_equal(store_webhooks_list(&json, ada, NULL, &error), STORE_EFORBIDDEN);
    assert_null(json);
    store_session_free(ada);
}

static void deliver_reports_a_sweep(void **state) {
    store_t *store = *state;
    char *report = NULL;
    store_error_t error;
    assert_int_equal(store_deliver(&report, store, &error), STORE_OK);
    assert_non_null(strstr(report, "\"attempted\":0"));
    assert_non_null(strstr(report, "\"next_due_in_ms\":null"));
    store_free(report);
    assert_int_equal(store_deliver(&report, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_deliver(NULL, store, &error), STORE_EINVAL);
}

static void version_4_options_are_checked(void **state) {
    (void)state;
    store_options_t defaults;
    store_options_init(&defaults);
    assert_int_equal(defaults.webhook_allow_private, 0);
    assert_int_equal(defaults.webhook_timeout_ms, 10000);
    assert_int_equal(defaults.webhook_retry_initial_ms, 1000);
    assert_int_equal(defaults.webhook_retry_max_ms, 3600000);
    assert_int_equal(defaults.webhook_give_up_ms, 86400000);
    assert_int_equal(defaults.webhook_lease_ms, 60000);
    store_t *store = NULL;
    store_error_t error;
    store_options_t options = capi_test_options();
    options.webhook_lease_ms = options.webhook_timeout_ms;
    assert_int_equal(store_open(&store, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "webhook_lease_ms");
    options = capi_test_options();
    options.webhook_allow_private = 2;
    assert_int_equal(store_open(&store, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "webhook_allow_private");
    options = capi_test_options();
    options.webhook_retry_max_ms = options.webhook_retry_initial_ms - 1;
    assert_int_equal(store_open(&store, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "webhook_retry_max_ms");
    options = capi_test_options();
    options.webhook_timeout_ms = 0;
    assert_int_equal(store_open(&store, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "webhook_timeout_ms");
    /* A version-3 caller gets the defaults, private targets refused. */
    options = capi_test_options();
    options.version = 3;
    options.webhook_allow_private = 7;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    store_close(store);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(administration_and_the_secret_shown_once),
        SHOP_TEST(validation_names_the_field),
        SHOP_TEST(only_admins),
        SHOP_TEST(deliver_reports_a_sweep),
        cmocka_unit_test(version_4_options_are_checked),
    };
    return cmocka_run_group_tests(tests, capi_fixture_group_setup, capi_fixture_group_teardown);
}
