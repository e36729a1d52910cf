/* store_products_facets() through the C ABI: the counts and their order, the listing's filters,
 * include_hidden refused, bad filters naming the field, one round trip, argument checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

typedef struct facets_state {
    store_t *store;
    store_session_t *admin;
    char books[25];
    char atlases[25];
} facets_state_t;

static void create_category(facets_state_t *shop, const char *name, char *id) {
    char body[128];
    snprintf(body, sizeof body, "{\"name\":\"%s\"}", name);
    char *json = NULL;
    store_error_t error;
    if (store_category_create(&json, shop->admin, body, &error) != STORE_OK) {
        fail_msg("creating category %s: %s", name, error.message);
    }
    capi_json_string(json, "id", id, 25);
    store_free(json);
}

static void create_product(facets_state_t *shop, const char *fields_json) {
    char *json = NULL;
    store_error_t error;
    if (store_product_create(&json, shop->admin, fields_json, &error) != STORE_OK) {
        fail_msg("creating %s: %s (%s)", fields_json, error.message, error.field);
    }
    store_free(json);
}

/* Two categories (books, Atlases), three visible products and two hidden ones. */
static int open_shop(void **state) {
    void *store = NULL;
    if (capi_fixture_open_store(&store) != 0) {
        return -1;
    }
    facets_state_t *shop = test_calloc(1, sizeof *shop);
    shop->store = store;
    capi_create_user(shop->store, "facets_admin", 1, NULL);
    shop->admin = capi_login(shop->store, "facets_admin");
    create_category(shop, "books", shop->books);
    create_category(shop, "Atlases", shop->atlases);
    char body[512];
    snprintf(body, sizeof body,
             "{\"name\":\"Hobbit\",\"price\":12.5,\"stock\":3,\"category_id\":\"%s\","
             "\"attributes\":{\"author\":\"Tolkien\"}}",
             shop->books);
    create_product(shop, body);
    snprintf(body, sizeof body,
             "{\"name\":\"Silmarillion\",\"price\":20,\"stock\":1,\"category_id\":\"%s\","
             "\"attributes\":{\"author\":\"Tolkien\"}}",
             shop->books);
    create_product(shop, body);
    snprintf(body, sizeof body,
             "{\"name\":\"Middle-earth\",\"price\":35.99,\"stock\":2,\"category_id\":\"%s\","
             "\"attributes\":{\"author\":\"Fonstad\"}}",
             shop->atlases);
    create_product(shop, body);
    snprintf(body, sizeof body,
             "{\"name\":\"Sold out\",\"price\":1,\"stock\":0,\"category_id\":\"%s\","
             "\"attributes\":{\"author\":\"Nobody\"}}",
             shop->atlases);
    create_product(shop, body);
    create_product(shop, "{\"name\":\"Off\",\"price\":99,\"stock\":5,\"in_stock\":false}");
    *state = shop;
    return 0;
}

static int close_shop(void **state) {
    facets_state_t *shop = *state;
    store_session_free(shop->admin);
    void *store = shop->store;
    test_free(shop);
    return capi_fixture_close_store(&store);
}

static char *facets(facets_state_t *shop, const char *query) {
    char *json = NULL;
    store_error_t error;
    if (store_products_facets(&json, shop->store, query, &error) != STORE_OK) {
        fail_msg("facets of %s: %s (%s)", query != NULL ? query : "(no query)", error.message,
                 error.field);
    }
    return json;
}

static void expect_status(store_status_t status, const store_error_t *error,
                          store_status_t expected, const char *field) {
    if (status != expected) {
        fail_msg("expected %s, got %s: %s (%s)", store_status_name(expected),
                 store_status_name(status), error->message, error->field);
    }
    assert_string_equal(error->field, field);
}

static void counts_visible_products_in_order(void **state) {
    facets_state_t *shop = *state;
    char *json = facets(shop, NULL);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "{\"total\":3,\"categories\":[{\"id\":\"%s\",\"name\":\"Atlases\",\"count\":1},"
             "{\"id\":\"%s\",\"name\":\"books\",\"count\":2}],\"options\":{},"
             "\"attributes\":{\"author\":[{\"value\":\"Fonstad\",\"count\":1},"
             "{\"value\":\"Tolkien\",\"count\":2}]},\"price\":{\"min\":12.5,\"max\":35.99}}",
             shop->atlases, shop->books);
    assert_string_equal(json, expected);
    store_free(json);
}

static void the_listings_filters_apply(void **state) {
    facets_state_t *shop = *state;
    char query[256];
    snprintf(query, sizeof query, "{\"category\":\"%s\",\"max_price\":\"15\"}", shop->books);
    char *json = facets(shop, query);
    assert_non_null(strstr(json, "\"total\":1,"));
    assert_non_null(strstr(json, "\"price\":{\"min\":12.5,\"max\":12.5}"));
    store_free(json);

    json = facets(shop, "{\"attr.author\":\"Fonstad\",\"sort\":\"-price\",\"limit\":1}");
    assert_non_null(strstr(json, "\"total\":1,"));
    store_free(json);

    json = facets(shop, "{\"q\":\".*\"}");
    assert_string_equal(json,
                        "{\"total\":0,\"categories\":[],\"options\":{},\"attributes\":{},"
                        "\"price\":{\"min\":null,\"max\":null}}");
    store_free(json);
}

static void bad_queries_name_the_field(void **state) {
    facets_state_t *shop = *state;
    static const struct {
        const char *query;
        const char *field;
    } bad[] = {
        {"{\"include_hidden\":true}", "include_hidden"},
        {"{\"include_hidden\":false}", "include_hidden"},
        {"{\"category\":{\"$ne\":null}}", "category"},
        {"{\"q\":{\"$regex\":\".\"}}", "q"},
        {"{\"min_price\":\"-1\"}", "min_price"},
        {"{\"size\":[\"S\"]}", "size"},
        {"{\"attr.Author\":\"x\"}", "attr.Author"},
        {"{\"cursor\":\"nonsense\"}", "cursor"},
        {"{\"colour\":\"red\"}", "colour"},
        {"[1]", "query_json"},
        {"{", "query_json"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        char *json = (char *)1;
        store_error_t error;
        expect_status(store_products_facets(&json, shop->store, bad[i].query, &error), &error,
                      STORE_EINVAL, bad[i].field);
        assert_null(json);
    }
}

static void is_one_round_trip(void **state) {
    facets_state_t *shop = *state;
    long aggregates = capi_command_count(shop->store, "aggregate");
    long finds = capi_command_count(shop->store, "find");
    long more = capi_command_count(shop->store, "getMore");
    char *json = facets(shop, "{\"min_price\":\"1\"}");
    store_free(json);
    assert_int_equal(capi_command_count(shop->store, "aggregate"), aggregates + 1);
    assert_int_equal(capi_command_count(shop->store, "find"), finds);
    assert_int_equal(capi_command_count(shop->store, "getMore"), more);
}

static void arguments_are_checked(void **state) {
    facets_state_t *shop = *state;
    char *json = NULL;
    store_error_t error;
    expect_status(store_products_facets(&json, NULL, NULL, &error), &error, STORE_EINVAL, "store");
    expect_status(store_products_facets(NULL, shop->store, NULL, &error), &error, STORE_EINVAL,
                  "out_json");
    assert_int_equal(store_products_facets(&json, shop->store, "", NULL), STORE_OK);
    store_free(json);
}

int main(void) {
#define FACETS_TEST(name) cmocka_unit_test_setup_teardown(name, open_shop, close_shop)
    const struct CMUnitTest tests[] = {
        FACETS_TEST(counts_visible_products_in_order),
        FACETS_TEST(the_listings_filters_apply),
        FACETS_TEST(bad_queries_name_the_field),
        FACETS_TEST(is_one_round_trip),
        FACETS_TEST(arguments_are_checked),
    };
    return cmocka_run_group_tests_name("facets", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
