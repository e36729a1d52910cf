/* Variants through the C ABI: products created with options and variants, the variant calls,
 * cart lines and orders per variant, and store_migrate() on a current database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

typedef struct variants_state {
    store_t *store;
    store_session_t *admin;
    store_session_t *client;
} variants_state_t;

static int open_variants(void **state) {
    void *store = NULL;
    if (capi_fixture_open_store(&store) != 0) {
        return -1;
    }
    variants_state_t *shop = test_calloc(1, sizeof *shop);
    shop->store = store;
    capi_create_user(shop->store, "variants_admin", 1, NULL);
    capi_create_user(shop->store, "variants_client", 0, NULL);
    shop->admin = capi_login(shop->store, "variants_admin");
    shop->client = capi_login(shop->store, "variants_client");
    *state = shop;
    return 0;
}

static int close_variants(void **state) {
    variants_state_t *shop = *state;
    store_session_free(shop->admin);
    store_session_free(shop->client);
    void *store = shop->store;
    test_free(shop);
    return capi_fixture_close_store(&store);
}

static void expect_status(store_status_t status, const store_error_t *error,
                          store_status_t expected, const char *field) {
    if (status != expected) {
        fail_msg("expected %s, got %s: %s (%s)", store_status_name(expected),
                 store_status_name(status), error->message, error->field);
    }
    assert_string_equal(error->field, field);
}

/* The id of the variant whose SKU is `sku` in a product's JSON (25 bytes). */
static void variant_id_of(const char *product_json, const char *sku, char *id) {
    char pattern[96];
    snprintf(pattern, sizeof pattern, "\",\"sku\":\"%s\"", sku);
    const char *at = strstr(product_json, pattern);
    assert_non_null(at);
    assert_true(at - product_json >= 24);
    memcpy(id, at - 24, 24);
    id[24] = '\0';
}

static const char *const kShirt =
    "{\"name\":\"Shirt\",\"price\":10,\"options\":{\"size\":[\"S\",\"M\"]},"
    "\"variants\":[{\"sku\":\"SH-S\",\"options\":{\"size\":\"S\"},\"stock\":2},"
    "{\"sku\":\"SH-M\",\"options\":{\"size\":\"M\"},\"price\":12,\"stock\":1}]}";

static void variants_are_created_changed_and_deleted(void **state) {
    variants_state_t *shop = *state;
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_create(&json, shop->admin, kShirt, &error), STORE_OK);
    assert_non_null(strstr(json, "\"price\":10.0,\"stock\":3,"));
    assert_non_null(strstr(json, "\"options\":{\"size\":[\"S\",\"M\"]}"));
    char product[25], small[25];
    capi_json_string(json, "id", product, sizeof product);
    variant_id_of(json, "SH-S", small);
    store_free(json);

    expect_status(store_product_variant_create(
                      &json, shop->admin, product,
                      "{\"sku\":\"sh-s\",\"options\":{\"size\":\"M\"},\"stock\":1}", &error),
                  &error, STORE_ECONFLICT, "sku");
    expect_status(
        store_product_variant_create(&json, shop->admin, product,
                                     "{\"options\":{\"size\":\"M\"},\"stock\":1}", &error),
        &error, STORE_ECONFLICT, "options");
    expect_status(
        store_product_variant_create(&json, shop->admin, product,
                                     "{\"options\":{\"size\":\"XL\"},\"stock\":1}", &error),
        &error, STORE_EINVAL, "options");
    expect_status(
        store_product_variant_create(&json, shop->client, product,
                                     "{\"options\":{\"size\":\"S\"},\"stock\":1}", &error),
        &error, STORE_EFORBIDDEN, "");
    expect_status(store_product_update(&json, shop->admin, product, "{\"stock\":4}", &error),
                  &error, STORE_EINVAL, "stock");

    assert_int_equal(store_product_variant_update(&json, shop->admin, product, small,
                                                  "{\"stock\":7,\"sku\":\"SH-SMALL\"}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"sku\":\"SH-SMALL\""));
    assert_non_null(strstr(json, "\"stock\":7"));
    store_free(json);
    assert_int_equal(store_product_get(&json, shop->store, NULL, product, &error), STORE_OK);
    assert_non_null(strstr(json, "\"stock\":8,")); /* 7 + 1 */
    store_free(json);

    assert_int_equal(store_product_variant_delete(shop->admin, product, small, &error), STORE_OK);
    assert_int_equal(store_product_get(&json, shop->store, NULL, product, &error), STORE_OK);
    assert_non_null(strstr(json, "\"price\":12.0,\"stock\":1,"));
    char medium[25];
    variant_id_of(json, "SH-M", medium);
    store_free(json);
    expect_status(store_product_variant_delete(shop->admin, product, medium, &error), &error,
                  STORE_ECONFLICT, "");
    expect_status(store_product_variant_delete(shop->admin, product, small, &error), &error,
                  STORE_ENOTFOUND, "");
    expect_status(store_product_variant_update(&json, shop->admin, product, "nope", "{}", &error),
                  &error, STORE_ENOTFOUND, "");
    expect_status(store_product_variant_update(&json, shop->admin, product, NULL, "{}", &error),
                  &error, STORE_EINVAL, "variant_id");
    expect_status(store_product_variant_create(NULL, shop->admin, product, "{}", &error), &error,
                  STORE_EINVAL, "out_json");
}

static void cart_lines_and_orders_are_per_variant(void **state) {
    variants_state_t *shop = *state;
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_create(&json, shop->admin, kShirt, &error), STORE_OK);
    char product[25], small[25], medium[25];
    capi_json_string(json, "id", product, sizeof product);
    variant_id_of(json, "SH-S", small);
    variant_id_of(json, "SH-M", medium);
    store_free(json);

    char item[160];
    snprintf(item, sizeof item, "{\"product_id\":\"%s\"}", product);
    expect_status(store_cart_add_item(&json, shop->client, item, &error), &error, STORE_EINVAL,
                  "variant_id");
    snprintf(item, sizeof item, "{\"product_id\":\"%s\",\"variant_id\":\"%s\",\"quantity\":2}",
             product, small);
    assert_int_equal(store_cart_add_item(&json, shop->client, item, &error), STORE_OK);
    store_free(json);
    snprintf(item, sizeof item, "{\"product_id\":\"%s\",\"variant_id\":\"%s\"}", product, medium);
    assert_int_equal(store_cart_add_item(&json, shop->client, item, &error), STORE_OK);
    assert_non_null(strstr(json, "\"total_price\":32.0"));
    store_free(json);
    expect_status(store_cart_set_quantity(&json, shop->client, product, "{\"quantity\":1}", &error),
                  &error, STORE_EINVAL, "variant_id");
    expect_status(store_cart_set_variant_quantity(&json, shop->client, product, medium,
                                                  "{\"quantity\":2}", &error),
                  &error, STORE_ECONFLICT, "quantity");
    assert_int_equal(store_cart_set_variant_quantity(&json, shop->client, product, small,
                                                     "{\"quantity\":1}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"count\":2"));
    store_free(json);

    assert_int_equal(store_order_place(&json, NULL, shop->client, NULL, &error), STORE_OK);
    assert_non_null(strstr(json, "\"sku\":\"SH-S\",\"options\":{\"size\":\"S\"}"));
    assert_non_null(strstr(json, "\"total_price\":22.0"));
    store_free(json);
    assert_int_equal(store_product_get(&json, shop->store, shop->admin, product, &error), STORE_OK);
    assert_non_null(strstr(json, "\"price\":10.0,\"stock\":1,")); /* M sold out, S 2 - 1 */
    store_free(json);

    snprintf(item, sizeof item, "{\"product_id\":\"%s\",\"variant_id\":\"%s\"}", product, small);
    assert_int_equal(store_cart_add_item(&json, shop->client, item, &error), STORE_OK);
    store_free(json);
    assert_int_equal(store_cart_remove_variant(&json, shop->client, product, small, &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"items\":[]"));
    store_free(json);
    expect_status(store_cart_remove_variant(&json, shop->client, product, small, &error), &error,
                  STORE_ENOTFOUND, "");
}

static void migrate_on_a_current_database_rewrites_nothing(void **state) {
    variants_state_t *shop = *state;
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_create(&json, shop->admin, kShirt, &error), STORE_OK);
    store_free(json);
    assert_int_equal(store_migrate(&json, shop->store, &error), STORE_OK);
    assert_string_equal(json,
                        "{\"products_upgraded\":0,\"carts_upgraded\":0,\"orders_upgraded\":0}");
    store_free(json);
    assert_int_equal(store_migrate(NULL, shop->store, &error), STORE_OK);
    expect_status(store_migrate(&json, NULL, &error), &error, STORE_EINVAL, "store");
}

int main(void) {
#define VARIANTS_TEST(name) cmocka_unit_test_setup_teardown(name, open_variants, close_variants)
    const struct CMUnitTest tests[] = {
        VARIANTS_TEST(variants_are_created_changed_and_deleted),
        VARIANTS_TEST(cart_lines_and_orders_are_per_variant),
        VARIANTS_TEST(migrate_on_a_current_database_rewrites_nothing),
    };
    return cmocka_run_group_tests_name("variants", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
