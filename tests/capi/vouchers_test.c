/* Vouchers through the public C ABI: administration, validation naming the field, the cart's
 * voucher with its discount, every refusal, redemption on placing and the use given back on
 * cancel. */
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

/* Creates a voucher as the admin; its id in `id_out` (25 bytes). */
static void create_voucher(store_t *store, const char *body, char *id_out) {
    store_session_t *admin = capi_login(store, "root");
    char *voucher = NULL;
    store_error_t error;
    if (store_voucher_create(&voucher, admin, body, &error) != STORE_OK) {
        fail_msg("voucher: %s", error.message);
    }
    if (id_out != NULL) {
        capi_json_string(voucher, "id", id_out, 25);
    }
    store_free(voucher);
    store_session_free(admin);
}

/* Puts `quantity` pens at 19.99 in ada's cart (a new product each time). */
static void fill_cart(store_t *store, store_session_t *ada, int quantity) {
    store_session_t *admin = capi_login(store, "root");
    char *product = NULL;
    store_error_t error;
    assert_int_equal(
        store_product_create(&product, admin, "{\"name\":\"Pen\",\"price\":19.99,\"stock\":100}",
                             &error),
        STORE_OK);
    char id[25];
    capi_json_string(product, "id", id, sizeof id);
    store_free(product);
    store_session_free(admin);
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":%d}", id, quantity);
    char *cart = NULL;
    assert_int_equal(store_cart_add_item(&cart, ada, body, &error), STORE_OK);
    store_free(cart);
}

static void administration_and_validation(void **state) {
    store_t *store = *state;
    store_session_t *admin = capi_login(store, "root");
    store_session_t *ada = capi_login(store, "ada");
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_voucher_create(&json, admin,
                                          "{\"code\":\"spring-26\",\"kind\":\"fixed\","
                                          "\"value\":5.5,\"max_uses\":3}",
                                          &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"code\":\"SPRING-26\""));
    assert_non_null(strstr(json, "\"value\":5.5"));
    assert_non_null(strstr(json, "\"uses\":0"));
    char id[25];
    capi_json_string(json, "id", id, sizeof id);
    store_free(json);

    assert_int_equal(store_voucher_create(&json, admin,
                                          "{\"code\":\"SPRING-26\",\"kind\":\"percent\","
                                          "\"value\":5}",
                                          &error),
                     STORE_ECONFLICT);
    assert_string_equal(error.field, "code");
    assert_int_equal(
        store_voucher_create(&json, admin, "{\"code\":\"OK1\",\"kind\":\"percent\",\"value\":101}",
                             &error),
        STORE_EINVAL);
    assert_string_equal(error.field, "value");
    assert_int_equal(store_voucher_create(&json, admin,
                                          "{\"code\":\"OK1\",\"kind\":\"percent\",\"value\":1,"
                                          "\"uses\":9}",
                                          &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "uses");
    assert_int_equal(store_voucher_create(
                         &json, ada, "{\"code\":\"OK1\",\"kind\":\"percent\",\"value\":1}", &error),
                     STORE_EFORBIDDEN);
    assert_null(json);

    assert_int_equal(
        store_voucher_update(&json, admin, id, "{\"active\":false,\"max_uses\":null}", &error),
        STORE_OK);
    assert_non_null(strstr(json, "\"active\":false"));
    assert_non_null(strstr(json, "\"max_uses\":null"));
    store_free(json);
    assert_int_equal(store_voucher_list(&json, admin, NULL, &error), STORE_OK);
    assert_non_null(strstr(json, id));
    store_free(json);
    assert_int_equal(store_voucher_get(&json, admin, id, &error), STORE_OK);
    store_free(json);
    assert_int_equal(store_voucher_delete(admin, id, &error), STORE_OK);
    assert_int_equal(store_voucher_get(&json, admin, id, &error), STORE_ENOTFOUND);
    assert_int_equal(store_voucher_get(&json, admin, "not-an-id", &error), STORE_ENOTFOUND);
    assert_int_equal(store_voucher_get(&json, admin, NULL, &error), STORE_EINVAL);
    store_session_free(ada);
    store_session_free(admin);
}

static void the_cart_shows_the_discount_and_the_order_keeps_it(void **state) {
    store_t *store = *state;
    char id[25];
    create_voucher(store, "{\"code\":\"SAVE10\",\"kind\":\"percent\",\"value\":10,\"max_uses\":1}",
                   id);
    store_session_t *ada = capi_login(store, "ada");
    fill_cart(store, ada, 3); /* 59.97 */
    char *cart = NULL;
    store_error_t error;
    assert_int_equal(store_cart_set_voucher(&cart, ada, "save10", &error), STORE_OK);
    assert_non_null(strstr(cart, "\"subtotal\":59.97"));
    assert_non_null(strstr(cart, "\"discount\":6"));
    assert_non_null(strstr(cart, "\"total_price\":53.97"));
    assert_non_null(strstr(cart, "\"code\":\"SAVE10\""));
    store_free(cart);
    assert_int_equal(store_cart_remove_voucher(&cart, ada, &error), STORE_OK);
    assert_non_null(strstr(cart, "\"voucher\":null"));
    store_free(cart);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "SAVE10", &error), STORE_OK);
    store_free(cart);

    char *order = NULL;
    int created = 0;
    assert_int_equal(store_order_place(&order, &created, ada, NULL, &error), STORE_OK);
    assert_non_null(strstr(order, "\"voucher_code\":\"SAVE10\""));
    assert_non_null(strstr(order, "\"discount\":6"));
    assert_non_null(strstr(order, "\"total_price\":53.97"));
    char order_id[25];
    capi_json_string(order, "id", order_id, sizeof order_id);
    store_free(order);

    /* Used up now: the next cart is refused, until the cancel gives the use back. */
    fill_cart(store, ada, 1);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "SAVE10", &error), STORE_ECONFLICT);
    assert_string_equal(error.field, "code");
    assert_null(cart);
    char *cancelled = NULL;
    assert_int_equal(store_order_cancel(&cancelled, ada, order_id, &error), STORE_OK);
    store_free(cancelled);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "SAVE10", &error), STORE_OK);
    store_free(cart);
    store_session_free(ada);
}

static void every_refusal_has_its_status(void **state) {
    store_t *store = *state;
    create_voucher(store, "{\"code\":\"OFF\",\"kind\":\"percent\",\"value\":5,\"active\":false}",
                   NULL);
    create_voucher(store,
                   "{\"code\":\"LATER\",\"kind\":\"percent\",\"value\":5,"
                   "\"starts_at\":\"2099-01-01T00:00:00Z\"}",
                   NULL);
    create_voucher(store, "{\"code\":\"BIG\",\"kind\":\"fixed\",\"value\":5,\"min_subtotal\":100}",
                   NULL);
    store_session_t *ada = capi_login(store, "ada");
    fill_cart(store, ada, 1);
    char *cart = NULL;
    store_error_t error;
    assert_int_equal(store_cart_set_voucher(&cart, ada, "NOSUCH", &error), STORE_ENOTFOUND);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "OFF", &error), STORE_ENOTFOUND);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "LATER", &error), STORE_ECONFLICT);
    assert_int_equal(store_cart_set_voucher(&cart, ada, "BIG", &error), STORE_ECONFLICT);
    assert_string_equal(error.field, "code");
    assert_int_equal(store_cart_set_voucher(&cart, ada, "x", &error), STORE_EINVAL);
    assert_int_equal(store_cart_set_voucher(&cart, ada, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_cart_set_voucher(&cart, NULL, "BIG", &error), STORE_EINVAL);
    assert_int_equal(store_cart_remove_voucher(NULL, ada, &error), STORE_EINVAL);
    assert_null(cart);
    store_session_free(ada);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(administration_and_validation),
        SHOP_TEST(the_cart_shows_the_discount_and_the_order_keeps_it),
        SHOP_TEST(every_refusal_has_its_status),
    };
    return cmocka_run_group_tests(tests, capi_fixture_group_setup, capi_fixture_group_teardown);
}
