/* Cart and orders through the public C ABI. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

/* Creates a product as an admin and returns its id in `id_out` (25 bytes). */
static void create_product(store_t *store, const char *body, char *id_out) {
    store_session_t *admin = capi_login(store, "root");
    char *product = NULL;
    store_error_t error;
    if (store_product_create(&product, admin, body, &error) != STORE_OK) {
        fail_msg("product: %s", error.message);
    }
    capi_json_string(product, "id", id_out, 25);
    store_free(product);
    store_session_free(admin);
}

static int product_stock(store_t *store, const char *product_id) {
    store_session_t *admin = capi_login(store, "root");
    char *product = NULL;
    store_error_t error;
    assert_int_equal(store_product_get(&product, store, admin, product_id, &error), STORE_OK);
    const char *stock = strstr(product, "\"stock\":");
    assert_non_null(stock);
    int value = atoi(stock + strlen("\"stock\":"));
    store_free(product);
    store_session_free(admin);
    return value;
}

static int setup_shop(void **state) {
    if (capi_fixture_open_store(state) != 0) {
        return -1;
    }
    capi_create_user(*state, "root", 1, NULL);
    capi_create_user(*state, "ada", 0, NULL);
    return 0;
}

static void cart_add_view_and_exact_totals(void **state) {
    store_t *store = *state;
    char pen[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":19.99,\"stock\":10}", pen);
    store_session_t *ada = capi_login(store, "ada");
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":3}", pen);
    char *cart = NULL;
    store_error_t error;
    assert_int_equal(store_cart_add_item(&cart, ada, body, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"total_price\":59.97"));
    assert_non_null(strstr(cart, "\"count\":3"));
    store_free(cart);
    assert_int_equal(store_cart_set_quantity(&cart, ada, pen, "{\"quantity\":11}", &error),
                     STORE_ECONFLICT);
    assert_null(cart);
    assert_int_equal(store_cart_set_quantity(&cart, ada, pen, "{\"quantity\":\"x\"}", &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "quantity");
    assert_int_equal(store_cart_remove_item(&cart, ada, "nope", &error), STORE_ENOTFOUND);
    assert_int_equal(store_cart_get(&cart, ada, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"count\":3"));
    store_free(cart);
    assert_int_equal(store_cart_clear(&cart, ada, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"count\":0"));
    store_free(cart);
    assert_int_equal(store_cart_get(&cart, NULL, &error), STORE_EINVAL);
    store_session_free(ada);
}

static void place_with_idempotency_key_then_cancel(void **state) {
    store_t *store = *state;
    char pen[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":2.5,\"stock\":10}", pen);
    store_session_t *ada = capi_login(store, "ada");
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":4}", pen);
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_cart_add_item(&json, ada, body, &error), STORE_OK);
    store_free(json);

    char *order = NULL;
    int created = -1;
    assert_int_equal(store_order_place(&order, &created, ada, "key-1", &error), STORE_OK);
    assert_int_equal(created, 1);
    assert_non_null(strstr(order, "\"status\":\"placed\""));
    assert_non_null(strstr(order, "\"total_price\":10"));
    char order_id[25];
    capi_json_string(order, "id", order_id, sizeof order_id);
    assert_int_equal(product_stock(store, pen), 6);

    char *again = NULL;
    assert_int_equal(store_order_place(&again, &created, ada, "key-1", &error), STORE_OK);
    assert_int_equal(created, 0);
    assert_string_equal(again, order);
    store_free(again);
    assert_int_equal(product_stock(store, pen), 6);
    store_free(order);

    assert_int_equal(store_order_place(&order, NULL, ada, NULL, &error), STORE_EINVAL);
    assert_null(order);

    assert_int_equal(store_order_status(&json, ada, order_id, &error), STORE_OK);
    assert_string_equal(json, "{\"status\":\"placed\"}");
    store_free(json);
    assert_int_equal(store_order_set_status(&json, ada, order_id, "{\"status\":\"paid\"}", &error),
                     STORE_EFORBIDDEN);
    assert_int_equal(store_order_cancel(&json, ada, order_id, &error), STORE_OK);
    assert_non_null(strstr(json, "\"status\":\"cancelled\""));
    store_free(json);
    assert_int_equal(product_stock(store, pen), 10);
    assert_int_equal(store_order_cancel(&json, ada, order_id, &error), STORE_ECONFLICT);

    assert_int_equal(store_orders_list(&json, ada, "{\"limit\":5}", &error), STORE_OK);
    assert_non_null(strstr(json, order_id));
    store_free(json);
    assert_int_equal(store_order_get(&json, ada, "0123456789abcdef01234567", &error),
                     STORE_ENOTFOUND);
    store_session_free(ada);
}

static void short_stock_is_a_conflict_and_changes_nothing(void **state) {
    store_t *store = *state;
    char ink[25];
    create_product(store, "{\"name\":\"Ink\",\"price\":1,\"stock\":2}", ink);
    store_session_t *ada = capi_login(store, "ada");
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":2}", ink);
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_cart_add_item(&json, ada, body, &error), STORE_OK);
    store_free(json);
    /* The stock drops under the cart's quantity before checkout. */
    store_session_t *admin = capi_login(store, "root");
    assert_int_equal(store_product_update(&json, admin, ink, "{\"stock\":1}", &error), STORE_OK);
    store_free(json);
    char *order = NULL;
    assert_int_equal(store_order_place(&order, NULL, ada, NULL, &error), STORE_ECONFLICT);
    assert_null(order);
    assert_non_null(strstr(error.message, ink));
    assert_int_equal(product_stock(store, ink), 1);
    assert_int_equal(store_cart_get(&json, ada, &error), STORE_OK);
    assert_non_null(strstr(json, "\"quantity\":2")); /* the line is kept, shown as short */
    assert_non_null(strstr(json, "\"problem\":\"short\",\"available_quantity\":1"));
    assert_non_null(strstr(json, "\"count\":0"));
    store_free(json);
    store_session_free(admin);
    store_session_free(ada);
}

/* Adds `quantity` of `product_id` to the cart of `session`. */
static void add_line(store_session_t *session, const char *product_id, int quantity) {
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":%d}", product_id, quantity);
    char *json = NULL;
    store_error_t error;
    if (store_cart_add_item(&json, session, body, &error) != STORE_OK) {
        fail_msg("add: %s", error.message);
    }
    store_free(json);
}

static void admin_update(store_t *store, const char *product_id, const char *changes) {
    store_session_t *admin = capi_login(store, "root");
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_update(&json, admin, product_id, changes, &error), STORE_OK);
    store_free(json);
    store_session_free(admin);
}

static void every_unavailable_line_is_named_in_the_error_json(void **state) {
    store_t *store = *state;
    char pen[25], ink[25], bolt[25], nib[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":1,\"stock\":5}", pen);
    create_product(store, "{\"name\":\"Ink\",\"price\":2,\"stock\":5}", ink);
    create_product(store, "{\"name\":\"Bolt\",\"price\":3,\"stock\":5}", bolt);
    create_product(store, "{\"name\":\"Nib\",\"price\":4,\"stock\":5}", nib);
    store_session_t *ada = capi_login(store, "ada");
    add_line(ada, pen, 1);
    add_line(ada, ink, 1);
    add_line(ada, bolt, 1);
    add_line(ada, nib, 3);
    store_session_t *admin = capi_login(store, "root");
    store_error_t error;
    assert_int_equal(store_product_delete(admin, pen, &error), STORE_OK);
    store_session_free(admin);
    admin_update(store, ink, "{\"in_stock\":false}");
    admin_update(store, bolt, "{\"stock\":0}");
    admin_update(store, nib, "{\"stock\":2,\"price\":5}");

    char *cart = NULL;
    assert_int_equal(store_cart_get(&cart, ada, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"problem\":\"deleted\""));
    assert_non_null(strstr(cart, "\"problem\":\"hidden\""));
    assert_non_null(strstr(cart, "\"problem\":\"out_of_stock\",\"available_quantity\":0"));
    assert_non_null(strstr(cart, "\"problem\":\"short\",\"available_quantity\":2"));
    assert_non_null(strstr(cart, "\"price_changed\":true,\"previous_unit_price\":4"));
    assert_non_null(strstr(cart, "\"checkout_ready\":false"));
    store_free(cart);

    char *order = NULL;
    char *error_json = NULL;
    assert_int_equal(store_order_place_detailed(&order, NULL, &error_json, ada, NULL, &error),
                     STORE_ECONFLICT);
    assert_null(order);
    assert_string_equal(error.field, "items");
    assert_non_null(error_json);
    assert_non_null(strstr(error_json, "\"code\":\"conflict\""));
    assert_non_null(strstr(error_json, "\"field\":\"items\""));
    /* One entry per line, in the cart's order: the deleted pen first. */
    char deleted[64];
    snprintf(deleted, sizeof deleted, "[{\"product_id\":\"%s\"", pen);
    assert_non_null(strstr(error_json, deleted));
    assert_non_null(strstr(error_json, pen));
    assert_non_null(strstr(error_json, "\"problem\":\"hidden\",\"available_quantity\":null"));
    assert_non_null(strstr(error_json, "\"problem\":\"short\",\"available_quantity\":2}]"));
    store_free(error_json);
    /* store_order_place() says the same without the details; nothing was taken. */
    assert_int_equal(store_order_place(&order, NULL, ada, NULL, &error), STORE_ECONFLICT);
    assert_string_equal(error.field, "items");
    assert_int_equal(product_stock(store, nib), 2);

    /* Pruned, the cart holds the nib no more (it was short), and checkout says empty. */
    assert_int_equal(store_cart_prune(&cart, ada, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"items\":[]"));
    store_free(cart);
    assert_int_equal(store_order_place_detailed(&order, NULL, &error_json, ada, NULL, &error),
                     STORE_EINVAL);
    assert_non_null(error_json);
    assert_null(strstr(error_json, "details")); /* an error without details has none */
    store_free(error_json);

    /* Success leaves the error JSON NULL; a NULL out_error_json is allowed. */
    add_line(ada, nib, 2);
    error_json = (char *)"untouched";
    int created = 0;
    assert_int_equal(store_order_place_detailed(&order, &created, &error_json, ada, NULL, &error),
                     STORE_OK);
    assert_null(error_json);
    assert_int_equal(created, 1);
    store_free(order);
    assert_int_equal(store_order_place_detailed(&order, NULL, NULL, ada, NULL, &error),
                     STORE_EINVAL);
    assert_int_equal(store_cart_prune(&cart, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_cart_prune(NULL, ada, &error), STORE_EINVAL);
    store_session_free(ada);
}

static void a_guest_cart_prunes_too(void **state) {
    store_t *store = *state;
    char pen[25], ink[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":1,\"stock\":5}", pen);
    create_product(store, "{\"name\":\"Ink\",\"price\":2,\"stock\":5}", ink);
    char *created = NULL;
    store_error_t error;
    assert_int_equal(store_guest_cart_create(&created, store, &error), STORE_OK);
    char token[64];
    capi_json_string(created, "cart_token", token, sizeof token);
    store_free(created);
    store_session_t *guest = NULL;
    assert_int_equal(store_guest_session_open(&guest, store, token, &error), STORE_OK);
    add_line(guest, pen, 1);
    add_line(guest, ink, 1);
    admin_update(store, ink, "{\"in_stock\":false}");
    char *cart = NULL;
    assert_int_equal(store_cart_get(&cart, guest, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"problem\":\"hidden\""));
    assert_non_null(strstr(cart, "\"count\":1"));
    store_free(cart);
    assert_int_equal(store_cart_prune(&cart, guest, &error), STORE_OK);
    assert_null(strstr(cart, ink));
    assert_non_null(strstr(cart, "\"checkout_ready\":true"));
    store_free(cart);
    store_session_free(guest);
}

static void recover_reports_json(void **state) {
    store_t *store = *state;
    char *report = NULL;
    store_error_t error;
    assert_int_equal(store_recover(&report, store, &error), STORE_OK);
    assert_string_equal(report,
                        "{\"orders_rolled_back\":0,\"cancellations_completed\":0,"
                        "\"marks_cleared\":0,\"audit_entries_committed\":0,"
                        "\"audit_entries_dropped\":0,\"images_removed\":0,"
                        "\"events_relayed\":0}");
    store_free(report);
    assert_int_equal(store_recover(NULL, store, &error), STORE_OK);
    assert_int_equal(store_recover(NULL, NULL, &error), STORE_EINVAL);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(cart_add_view_and_exact_totals),
        SHOP_TEST(place_with_idempotency_key_then_cancel),
        SHOP_TEST(short_stock_is_a_conflict_and_changes_nothing),
        SHOP_TEST(every_unavailable_line_is_named_in_the_error_json),
        SHOP_TEST(a_guest_cart_prunes_too),
        SHOP_TEST(recover_reports_json),
    };
    return cmocka_run_group_tests_name("orders", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
