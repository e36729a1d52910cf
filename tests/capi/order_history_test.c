/* Order events and payment references through the public C ABI. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

static int setup_shop(void **state) {
    if (capi_fixture_open_store(state) != 0) {
        return -1;
    }
    capi_create_user(*state, "root", 1, NULL);
    capi_create_user(*state, "ada", 0, NULL);
    capi_create_user(*state, "bob", 0, NULL);
    return 0;
}

/* Places an order of one pen for `buyer`; its id into `order_id` (25 bytes). */
static void place_order(store_t *store, store_session_t *buyer, char *order_id) {
    store_session_t *admin = capi_login(store, "root");
    char *json = NULL;
    store_error_t error;
    assert_int_equal(
        store_product_create(&json, admin, "{\"name\":\"Pen\",\"price\":2.5,\"stock\":10}", &error),
        STORE_OK);
    char pen[25];
    capi_json_string(json, "id", pen, sizeof pen);
    store_free(json);
    store_session_free(admin);
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":1}", pen);
    assert_int_equal(store_cart_add_item(&json, buyer, body, &error), STORE_OK);
    store_free(json);
    assert_int_equal(store_order_place(&json, NULL, buyer, NULL, &error), STORE_OK);
    assert_non_null(strstr(json, "\"payment_reference\":null"));
    capi_json_string(json, "id", order_id, 25);
    store_free(json);
}

static void events_follow_every_change_and_only_who_may_see_the_order_reads_them(void **state) {
    store_t *store = *state;
    store_session_t *ada = capi_login(store, "ada");
    store_session_t *bob = capi_login(store, "bob");
    store_session_t *root = capi_login(store, "root");
    char id[25];
    place_order(store, ada, id);
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_order_events(&json, ada, id, &error), STORE_OK);
    assert_int_equal(occurrences(json, "\"type\":"), 1);
    assert_non_null(strstr(json, "\"type\":\"placed\""));
    assert_non_null(strstr(json, "\"status_from\":null"));
    store_free(json);

    assert_int_equal(store_order_set_status(&json, root, id, "{\"status\":\"paid\"}", &error),
                     STORE_OK);
    store_free(json);
    assert_int_equal(store_order_cancel(&json, ada, id, &error), STORE_OK);
    store_free(json);
    assert_int_equal(store_order_events(&json, root, id, &error), STORE_OK);
    assert_int_equal(occurrences(json, "\"type\":"), 3);
    assert_non_null(strstr(json, "\"type\":\"status_changed\""));
    assert_non_null(strstr(json, "\"type\":\"cancelled\""));
    assert_non_null(strstr(json, "\"status_from\":\"paid\""));
    /* Oldest first. */
    assert_true(strstr(json, "\"placed\"") < strstr(json, "\"status_changed\""));
    assert_true(strstr(json, "\"status_changed\"") < strstr(json, "\"type\":\"cancelled\""));
    store_free(json);

    assert_int_equal(store_order_events(&json, bob, id, &error), STORE_ENOTFOUND);
    assert_null(json);
    assert_int_equal(store_order_events(&json, ada, "not-an-id", &error), STORE_ENOTFOUND);
    assert_int_equal(store_order_events(&json, ada, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_order_events(&json, NULL, id, &error), STORE_EINVAL);
    assert_int_equal(store_order_events(NULL, ada, id, &error), STORE_EINVAL);
    store_session_free(root);
    store_session_free(bob);
    store_session_free(ada);
}

static void a_payment_reference_is_kept_and_replayed_without_a_write(void **state) {
    store_t *store = *state;
    store_session_t *ada = capi_login(store, "ada");
    store_session_t *root = capi_login(store, "root");
    char id[25];
    place_order(store, ada, id);
    const char *paid = "{\"status\":\"paid\",\"payment_reference\":\"pi_3N8x2e\"}";
    char *first = NULL;
    store_error_t error;
    assert_int_equal(store_order_set_status(&first, root, id, paid, &error), STORE_OK);
    assert_non_null(strstr(first, "\"payment_reference\":\"pi_3N8x2e\""));
    long updates = capi_command_count(store, "findAndModify");
    char *replay = NULL;
    assert_int_equal(store_order_set_status(&replay, root, id, paid, &error), STORE_OK);
    assert_string_equal(replay, first);
    assert_int_equal(capi_command_count(store, "findAndModify"), updates);
    store_free(replay);
    store_free(first);

    char *json = NULL;
    assert_int_equal(
        store_order_set_status(&json, root, id,
                               "{\"status\":\"paid\",\"payment_reference\":\"pi_other\"}", &error),
        STORE_ECONFLICT);
    assert_string_equal(error.field, "payment_reference");
    assert_int_equal(store_order_set_status(&json, root, id, "{\"status\":\"paid\"}", &error),
                     STORE_ECONFLICT);
    assert_string_equal(error.field, "status");
    static const char *const bad[] = {
        "{\"status\":\"shipped\",\"payment_reference\":\"pi_3N8x2e\"}",
        "{\"status\":\"paid\",\"payment_reference\":\"\"}",
        "{\"status\":\"paid\",\"payment_reference\":\"with space\"}",
        "{\"status\":\"paid\",\"payment_reference\":\"bell\\u0007\"}",
        "{\"status\":\"paid\",\"payment_reference\":12}",
        "{\"status\":\"paid\",\"payment_reference\":[\"pi\"]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        assert_int_equal(store_order_set_status(&json, root, id, bad[i], &error), STORE_EINVAL);
        assert_string_equal(error.field, "payment_reference");
        assert_null(json);
    }
    assert_int_equal(store_order_events(&json, ada, id, &error), STORE_OK);
    assert_int_equal(occurrences(json, "\"type\":"), 2);
    store_free(json);
    store_session_free(root);
    store_session_free(ada);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(events_follow_every_change_and_only_who_may_see_the_order_reads_them),
        SHOP_TEST(a_payment_reference_is_kept_and_replayed_without_a_write),
    };
    return cmocka_run_group_tests_name("order_history", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
