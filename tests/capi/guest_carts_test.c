/* Guest carts through the public C ABI: creating one, every cart call on a guest session, every
 * other call refused, the merge at login and by store_cart_merge() (caps, dropped lines, the
 * guest cart gone, a second merge merging nothing), and bad arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

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

static void delete_product(store_t *store, const char *id) {
    store_session_t *admin = capi_login(store, "root");
    store_error_t error;
    assert_int_equal(store_product_delete(admin, id, &error), STORE_OK);
    store_session_free(admin);
}

/* A new guest cart's token (44 bytes) and a session for it. */
static store_session_t *new_guest(store_t *store, char *token_out) {
    char *created = NULL;
    store_error_t error;
    assert_int_equal(store_guest_cart_create(&created, store, &error), STORE_OK);
    assert_non_null(strstr(created, "\"count\":0"));
    capi_json_string(created, "cart_token", token_out, 44);
    assert_int_equal(strlen(token_out), 43);
    store_free(created);
    store_session_t *guest = NULL;
    assert_int_equal(store_guest_session_open(&guest, store, token_out, &error), STORE_OK);
    return guest;
}

static void add(store_session_t *session, const char *product_id, int quantity) {
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":%d}", product_id, quantity);
    char *cart = NULL;
    store_error_t error;
    if (store_cart_add_item(&cart, session, body, &error) != STORE_OK) {
        fail_msg("add: %s", error.message);
    }
    store_free(cart);
}

static int setup_shop(void **state) {
    if (capi_fixture_open_store(state) != 0) {
        return -1;
    }
    capi_create_user(*state, "root", 1, NULL);
    capi_create_user(*state, "ada", 0, NULL);
    return 0;
}

static void a_guest_session_works_every_cart_call_and_nothing_else(void **state) {
    store_t *store = *state;
    char pen[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":19.99,\"stock\":10}", pen);
    char token[44];
    store_session_t *guest = new_guest(store, token);
    char *json = NULL;
    store_error_t error;
    add(guest, pen, 3);
    assert_int_equal(store_cart_get(&json, guest, &error), STORE_OK);
    assert_non_null(strstr(json, "\"total_price\":59.97"));
    store_free(json);
    assert_int_equal(store_cart_set_quantity(&json, guest, pen, "{\"quantity\":11}", &error),
                     STORE_ECONFLICT);
    assert_int_equal(
        store_cart_set_variant_quantity(&json, guest, pen, NULL, "{\"quantity\":2}", &error),
        STORE_OK);
    assert_non_null(strstr(json, "\"count\":2"));
    store_free(json);
    assert_int_equal(store_cart_remove_item(&json, guest, pen, &error), STORE_OK);
    assert_non_null(strstr(json, "\"count\":0"));
    store_free(json);
    add(guest, pen, 1);
    assert_int_equal(store_cart_clear(&json, guest, &error), STORE_OK);
    store_free(json);

    add(guest, pen, 1);
    int created = -1;
    assert_int_equal(store_order_place(&json, &created, guest, NULL, &error),
                     STORE_EUNAUTHENTICATED);
    assert_null(json);
    assert_int_equal(store_session_me(&json, guest, &error), STORE_EUNAUTHENTICATED);
    assert_int_equal(store_orders_list(&json, guest, "{}", &error), STORE_EUNAUTHENTICATED);
    assert_int_equal(store_session_logout(guest, &error), STORE_EUNAUTHENTICATED);
    assert_int_equal(store_cart_merge(&json, guest, token, &error), STORE_EUNAUTHENTICATED);
    store_session_free(guest);
}

static void malformed_tokens_are_refused(void **state) {
    store_t *store = *state;
    store_session_t *guest = NULL;
    store_error_t error;
    assert_int_equal(store_guest_session_open(&guest, store, "short", &error),
                     STORE_EUNAUTHENTICATED);
    assert_null(guest);
    assert_int_equal(store_guest_session_open(&guest, store, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_guest_session_open(NULL, store, "x", &error), STORE_EINVAL);
    char *json = NULL;
    assert_int_equal(store_guest_cart_create(&json, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_guest_cart_create(NULL, store, &error), STORE_EINVAL);

    store_session_t *ada = capi_login(store, "ada");
    assert_int_equal(store_cart_merge(&json, ada, "not-a-token", &error), STORE_EINVAL);
    assert_string_equal(error.field, "cart_token");
    assert_int_equal(store_cart_merge(&json, ada, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_cart_merge(&json, NULL, "x", &error), STORE_EINVAL);
    assert_int_equal(store_cart_merge_json(&json, ada, "{\"cart_token\":1}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "cart_token");
    assert_int_equal(store_cart_merge_json(&json, ada, "[]", &error), STORE_EINVAL);
    assert_int_equal(store_login(&json, store,
                                 "{\"username\":\"ada\",\"password\":\"" CAPI_TEST_PASSWORD
                                 "\",\"cart_token\":\"bad\"}",
                                 &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "cart_token");
    store_session_free(ada);
}

static void login_with_a_cart_token_merges_it(void **state) {
    store_t *store = *state;
    char pen[25], ink[25], gone[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":1,\"stock\":10}", pen);
    create_product(store, "{\"name\":\"Ink\",\"price\":2,\"stock\":3}", ink);
    create_product(store, "{\"name\":\"Gone\",\"price\":3,\"stock\":3}", gone);
    store_session_t *ada = capi_login(store, "ada");
    add(ada, pen, 4);
    char token[44];
    store_session_t *guest = new_guest(store, token);
    add(guest, pen, 9);
    add(guest, ink, 2);
    add(guest, gone, 1);
    delete_product(store, gone);
    char credentials[256];
    snprintf(credentials, sizeof credentials,
             "{\"username\":\"ada\",\"password\":\"" CAPI_TEST_PASSWORD "\",\"cart_token\":\"%s\"}",
             token);
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_login(&json, store, credentials, &error), STORE_OK);
    assert_non_null(strstr(json, "\"access_token\""));
    store_free(json);
    assert_int_equal(store_cart_get(&json, ada, &error), STORE_OK);
    assert_non_null(strstr(json, "\"count\":12")); /* pen 10 (capped), ink 2 */
    assert_null(strstr(json, gone));
    store_free(json);
    assert_int_equal(store_cart_get(&json, guest, &error), STORE_OK);
    assert_non_null(strstr(json, "\"count\":0"));
    store_free(json);
    /* A session login with the spent token still succeeds. */
    store_session_t *again = NULL;
    assert_int_equal(store_session_login(&again, store, credentials, &error), STORE_OK);
    store_session_free(again);
    store_session_free(guest);
    store_session_free(ada);
}

static void cart_merge_merges_once(void **state) {
    store_t *store = *state;
    char pen[25];
    create_product(store, "{\"name\":\"Pen\",\"price\":1,\"stock\":100}", pen);
    store_session_t *ada = capi_login(store, "ada");
    add(ada, pen, 1);
    char token[44];
    store_session_t *guest = new_guest(store, token);
    add(guest, pen, 2);
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_cart_merge(&json, ada, token, &error), STORE_OK);
    assert_non_null(strstr(json, "\"count\":3"));
    store_free(json);
    char body[96];
    snprintf(body, sizeof body, "{\"cart_token\":\"%s\"}", token);
    assert_int_equal(store_cart_merge_json(&json, ada, body, &error), STORE_OK);
    assert_non_null(strstr(json, "\"count\":3"));
    store_free(json);
    store_session_free(guest);
    store_session_free(ada);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(a_guest_session_works_every_cart_call_and_nothing_else),
        SHOP_TEST(malformed_tokens_are_refused),
        SHOP_TEST(login_with_a_cart_token_merges_it),
        SHOP_TEST(cart_merge_merges_once),
    };
    return cmocka_run_group_tests_name("guest_carts", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
