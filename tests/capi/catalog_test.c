/* The catalog through the C ABI: admin-only writes, validation naming fields, hidden products,
 * filters and sorts, pages under concurrent inserts, one round trip per page, argument checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

#define MAX_IDS 64

typedef struct catalog_state {
    store_t *store;
    store_session_t *admin;
    store_session_t *client;
} catalog_state_t;

static int open_catalog(void **state) {
    void *store = NULL;
    if (capi_fixture_open_store(&store) != 0) {
        return -1;
    }
    catalog_state_t *catalog = test_calloc(1, sizeof *catalog);
    catalog->store = store;
    capi_create_user(catalog->store, "catalog_admin", 1, NULL);
    capi_create_user(catalog->store, "catalog_client", 0, NULL);
    catalog->admin = capi_login(catalog->store, "catalog_admin");
    catalog->client = capi_login(catalog->store, "catalog_client");
    *state = catalog;
    return 0;
}

static int close_catalog(void **state) {
    catalog_state_t *catalog = *state;
    store_session_free(catalog->admin);
    store_session_free(catalog->client);
    void *store = catalog->store;
    test_free(catalog);
    return capi_fixture_close_store(&store);
}

/* Creates a product and copies its id into `id` (25 bytes). */
static void create_product(catalog_state_t *catalog, const char *fields_json, char *id) {
    char *json = NULL;
    store_error_t error;
    if (store_product_create(&json, catalog->admin, fields_json, &error) != STORE_OK) {
        fail_msg("creating %s: %s (%s)", fields_json, error.message, error.field);
    }
    if (id != NULL) {
        capi_json_string(json, "id", id, 25);
    }
    store_free(json);
}

static void create_category(catalog_state_t *catalog, const char *name, char *id) {
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\"}", name);
    char *json = NULL;
    store_error_t error;
    if (store_category_create(&json, catalog->admin, body, &error) != STORE_OK) {
        fail_msg("creating category %s: %s", name, error.message);
    }
    capi_json_string(json, "id", id, 25);
    store_free(json);
}

/* Lists products; returns the page JSON (store_free it). */
static char *list_products(catalog_state_t *catalog, store_session_t *session, const char *query) {
    char *page = NULL;
    store_error_t error;
    if (store_products_list(&page, catalog->store, session, query, &error) != STORE_OK) {
        fail_msg("listing %s: %s (%s)", query != NULL ? query : "(no query)", error.message,
                 error.field);
    }
    return page;
}

/* The ids of a page's items, in order. */
/* The ids of a page's items: an "id" followed by "name" (a product's variants have ids too,
 * followed by "sku"). */
static int page_ids(const char *page, char ids[][25], int max) {
    int count = 0;
    const char *at = page;
    while ((at = strstr(at, "\"id\":\"")) != NULL && count < max) {
        at += 6;
        if (strncmp(at + 24, "\",\"name\":", 9) != 0) {
            continue;
        }
        memcpy(ids[count], at, 24);
        ids[count][24] = '\0';
        ++count;
    }
    return count;
}

/* True when the names appear in the page in this order (and each appears). */
static int names_in_order(const char *page, const char *const *names, int count) {
    const char *at = page;
    for (int i = 0; i < count; ++i) {
        char pattern[128];
        snprintf(pattern, sizeof pattern, "\"name\":\"%s\"", names[i]);
        at = strstr(at, pattern);
        if (at == NULL) {
            return 0;
        }
        at += strlen(pattern);
    }
    return 1;
}

static int item_count(const char *page) {
    char ids[128][25];
    return page_ids(page, ids, 128);
}

static void expect_status(store_status_t status, const store_error_t *error,
                          store_status_t expected, const char *field) {
    if (status != expected) {
        fail_msg("expected %s, got %s: %s (%s)", store_status_name(expected),
                 store_status_name(status), error->message, error->field);
    }
    assert_string_equal(error->field, field);
}

static void categories_crud_and_rules(void **state) {
    catalog_state_t *catalog = *state;
    char books[25];
    char *json = NULL;
    store_error_t error;
    assert_int_equal(
        store_category_create(&json, catalog->admin,
                              "{\"name\":\"Books\",\"description\":\"Paper\"}", &error),
        STORE_OK);
    capi_json_string(json, "id", books, sizeof books);
    assert_non_null(strstr(json, "\"created_at\":\""));
    store_free(json);

    json = (char *)1;
    expect_status(store_category_create(&json, catalog->admin, "{\"name\":\"bOOKS\"}", &error),
                  &error, STORE_ECONFLICT, "name");
    assert_null(json);

    assert_int_equal(store_category_get(&json, catalog->store, books, &error), STORE_OK);
    assert_non_null(strstr(json, "\"description\":\"Paper\""));
    store_free(json);

    assert_int_equal(
        store_category_update(&json, catalog->admin, books, "{\"description\":null}", &error),
        STORE_OK);
    assert_non_null(strstr(json, "\"description\":null"));
    store_free(json);

    char music[25];
    create_category(catalog, "Music", music);
    assert_int_equal(store_categories_list(&json, catalog->store, "{\"limit\":1}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"name\":\"Books\""));
    assert_null(strstr(json, "\"name\":\"Music\""));
    char cursor[512];
    capi_json_string(json, "next_cursor", cursor, sizeof cursor);
    store_free(json);
    char query[600];
    snprintf(query, sizeof query, "{\"limit\":\"1\",\"cursor\":\"%s\"}", cursor);
    assert_int_equal(store_categories_list(&json, catalog->store, query, &error), STORE_OK);
    assert_non_null(strstr(json, "\"name\":\"Music\""));
    assert_non_null(strstr(json, "\"next_cursor\":null"));
    store_free(json);
    assert_int_equal(store_categories_list(&json, catalog->store, NULL, &error), STORE_OK);
    assert_int_equal(item_count(json), 2);
    store_free(json);

    char product[25];
    char body[128];
    snprintf(body, sizeof body,
             "{\"name\":\"Novel\",\"price\":9.5,\"stock\":1,\"category_id\":\"%s\"}", books);
    create_product(catalog, body, product);
    expect_status(store_category_delete(catalog->admin, books, &error), &error, STORE_ECONFLICT,
                  "");
    assert_int_equal(store_product_delete(catalog->admin, product, &error), STORE_OK);
    assert_int_equal(store_category_delete(catalog->admin, books, &error), STORE_OK);
    expect_status(store_category_get(&json, catalog->store, books, &error), &error, STORE_ENOTFOUND,
                  "");
    expect_status(store_category_delete(catalog->admin, books, &error), &error, STORE_ENOTFOUND,
                  "");
}

static void writes_are_for_admins_only(void **state) {
    catalog_state_t *catalog = *state;
    char category[25];
    char product[25];
    create_category(catalog, "Lamps", category);
    create_product(catalog, "{\"name\":\"Lamp\",\"price\":5,\"stock\":1}", product);
    char *json = NULL;
    store_error_t error;
    expect_status(store_category_create(&json, catalog->client, "{\"name\":\"X\"}", &error), &error,
                  STORE_EFORBIDDEN, "");
    expect_status(
        store_category_update(&json, catalog->client, category, "{\"name\":\"X\"}", &error), &error,
        STORE_EFORBIDDEN, "");
    expect_status(store_category_delete(catalog->client, category, &error), &error,
                  STORE_EFORBIDDEN, "");
    expect_status(store_product_create(&json, catalog->client,
                                       "{\"name\":\"X\",\"price\":1,\"stock\":1}", &error),
                  &error, STORE_EFORBIDDEN, "");
    expect_status(store_product_update(&json, catalog->client, product, "{\"stock\":0}", &error),
                  &error, STORE_EFORBIDDEN, "");
    expect_status(store_product_delete(catalog->client, product, &error), &error, STORE_EFORBIDDEN,
                  "");
    assert_int_equal(store_product_get(&json, catalog->store, NULL, product, &error), STORE_OK);
    assert_non_null(strstr(json, "\"stock\":1"));
    store_free(json);
}

static void product_validation_names_the_field(void **state) {
    catalog_state_t *catalog = *state;
    static const struct {
        const char *body;
        const char *field;
    } cases[] = {
        {"{\"price\":1,\"stock\":1}", "name"},
        {"{\"name\":\"\",\"price\":1,\"stock\":1}", "name"},
        {"{\"name\":\"A\",\"price\":19.999,\"stock\":1}", "price"},
        {"{\"name\":\"A\",\"price\":0,\"stock\":1}", "price"},
        {"{\"name\":\"A\",\"price\":\"1\",\"stock\":1}", "price"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":-1}", "stock"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1.5}", "stock"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"category_id\":\"65a0c0ffee0000000000abcd\"}",
         "category_id"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"category_id\":\"nope\"}", "category_id"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"image_url\":\"javascript:x\"}", "image_url"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"sizes\":[\"\"]}", "sizes"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"attributes\":{\"Bad Key\":\"x\"}}",
         "attributes"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"attributes\":{\"a\":{\"$ne\":null}}}",
         "attributes"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"in_stock\":\"yes\"}", "in_stock"},
        {"{\"name\":\"A\",\"price\":1,\"stock\":1,\"colour\":\"red\"}", "colour"},
        {"[1]", "product_json"},
        {"{\"name\":", "product_json"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        char *json = (char *)1;
        store_error_t error;
        store_status_t status = store_product_create(&json, catalog->admin, cases[i].body, &error);
        if (status != STORE_EINVAL || strcmp(error.field, cases[i].field) != 0) {
            fail_msg("%s: got %s field '%s', expected field '%s'", cases[i].body,
                     store_status_name(status), error.field, cases[i].field);
        }
        assert_null(json);
    }
    char product[25];
    create_product(catalog, "{\"name\":\"A\",\"price\":1,\"stock\":1}", product);
    char *json = NULL;
    store_error_t error;
    expect_status(store_product_update(&json, catalog->admin, product, "{}", &error), &error,
                  STORE_EINVAL, "");
    expect_status(store_product_update(&json, catalog->admin, product, "{\"price\":-2}", &error),
                  &error, STORE_EINVAL, "price");
}

static void money_is_exact(void **state) {
    catalog_state_t *catalog = *state;
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_create(&json, catalog->admin,
                                          "{\"name\":\"A\",\"price\":19.99,\"stock\":3}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"price\":19.99,"));
    char id[25];
    capi_json_string(json, "id", id, sizeof id);
    store_free(json);
    assert_int_equal(store_product_update(&json, catalog->admin, id, "{\"price\":0.1}", &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"price\":0.1,"));
    store_free(json);
}

static void hidden_products_are_for_admins_only(void **state) {
    catalog_state_t *catalog = *state;
    char shown[25], sold_out[25], off[25];
    create_product(catalog, "{\"name\":\"Shown\",\"price\":1,\"stock\":1}", shown);
    create_product(catalog, "{\"name\":\"Sold out\",\"price\":1,\"stock\":0}", sold_out);
    create_product(catalog, "{\"name\":\"Off\",\"price\":1,\"stock\":4,\"in_stock\":false}", off);

    char *page = list_products(catalog, NULL, NULL);
    assert_int_equal(item_count(page), 1);
    assert_non_null(strstr(page, shown));
    store_free(page);
    page = list_products(catalog, catalog->client, "{}");
    assert_int_equal(item_count(page), 1);
    store_free(page);
    page = list_products(catalog, catalog->admin, "{\"include_hidden\":true}");
    assert_int_equal(item_count(page), 3);
    store_free(page);

    char *json = NULL;
    store_error_t error;
    const char *hidden[] = {sold_out, off};
    for (int i = 0; i < 2; ++i) {
        expect_status(store_product_get(&json, catalog->store, NULL, hidden[i], &error), &error,
                      STORE_ENOTFOUND, "");
        expect_status(store_product_get(&json, catalog->store, catalog->client, hidden[i], &error),
                      &error, STORE_ENOTFOUND, "");
        assert_int_equal(
            store_product_get(&json, catalog->store, catalog->admin, hidden[i], &error), STORE_OK);
        store_free(json);
    }
    expect_status(
        store_products_list(&json, catalog->store, NULL, "{\"include_hidden\":\"true\"}", &error),
        &error, STORE_EUNAUTHENTICATED, "");
    expect_status(store_products_list(&json, catalog->store, catalog->client,
                                      "{\"include_hidden\":true}", &error),
                  &error, STORE_EFORBIDDEN, "");
}

static void malformed_ids_are_not_found(void **state) {
    catalog_state_t *catalog = *state;
    const char *ids[] = {"", "123", "zzzzzzzzzzzzzzzzzzzzzzzz", "{\"$ne\":null}"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; ++i) {
        char *json = NULL;
        store_error_t error;
        expect_status(store_product_get(&json, catalog->store, NULL, ids[i], &error), &error,
                      STORE_ENOTFOUND, "");
        expect_status(store_category_get(&json, catalog->store, ids[i], &error), &error,
                      STORE_ENOTFOUND, "");
        expect_status(store_product_update(&json, catalog->admin, ids[i], "{\"stock\":1}", &error),
                      &error, STORE_ENOTFOUND, "");
        expect_status(store_product_delete(catalog->admin, ids[i], &error), &error, STORE_ENOTFOUND,
                      "");
        expect_status(store_category_delete(catalog->admin, ids[i], &error), &error,
                      STORE_ENOTFOUND, "");
    }
}

static void filters_and_sorts(void **state) {
    catalog_state_t *catalog = *state;
    char books[25];
    create_category(catalog, "Books", books);
    char body[512];
    snprintf(body, sizeof body,
             "{\"name\":\"The Hobbit\",\"price\":12.5,\"stock\":3,\"category_id\":\"%s\","
             "\"attributes\":{\"author\":\"Tolkien\"},\"description\":\"There and back\"}",
             books);
    create_product(catalog, body, NULL);
    create_product(catalog,
                   "{\"name\":\"Shirt a.*b\",\"price\":20,\"stock\":9,\"sizes\":[\"S\",\"M\"]}",
                   NULL);
    create_product(catalog, "{\"name\":\"Shirt axxb\",\"price\":21,\"stock\":9}", NULL);

    char query[256];
    snprintf(query, sizeof query, "{\"category\":\"%s\"}", books);
    char *page = list_products(catalog, NULL, query);
    assert_int_equal(item_count(page), 1);
    store_free(page);

    static const struct {
        const char *query;
        int count;
        const char *names[3];
    } cases[] = {
        {"{\"q\":\"a.*b\"}", 1, {"Shirt a.*b"}},
        {"{\"q\":\"BACK\"}", 1, {"The Hobbit"}},
        {"{\"min_price\":\"20\"}", 2, {"Shirt a.*b", "Shirt axxb"}},
        {"{\"max_price\":20}", 2, {"Shirt a.*b", "The Hobbit"}},
        {"{\"size\":\"M\"}", 1, {"Shirt a.*b"}},
        {"{\"attr.author\":\"Tolkien\"}", 1, {"The Hobbit"}},
        {"{\"sort\":\"-name\"}", 3, {"The Hobbit", "Shirt axxb", "Shirt a.*b"}},
        {"{\"sort\":\"price\"}", 3, {"The Hobbit", "Shirt a.*b", "Shirt axxb"}},
        {"{\"sort\":\"-price\"}", 3, {"Shirt axxb", "Shirt a.*b", "The Hobbit"}},
        {"{\"sort\":\"created_at\"}", 3, {"The Hobbit", "Shirt a.*b", "Shirt axxb"}},
        {"{\"sort\":\"-created_at\"}", 3, {"Shirt axxb", "Shirt a.*b", "The Hobbit"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        page = list_products(catalog, NULL, cases[i].query);
        if (item_count(page) != cases[i].count ||
            !names_in_order(page, cases[i].names, cases[i].count)) {
            fail_msg("%s gave %s", cases[i].query, page);
        }
        store_free(page);
    }

    static const struct {
        const char *query;
        const char *field;
    } bad[] = {
        {"{\"limit\":0}", "limit"},           {"{\"limit\":101}", "limit"},
        {"{\"limit\":\"0\"}", "limit"},       {"{\"sort\":\"rating\"}", "sort"},
        {"{\"colour\":\"red\"}", "colour"},   {"{\"attr.Bad\":\"x\"}", "attr.Bad"},
        {"{\"q\":{\"$regex\":\".*\"}}", "q"}, {"{\"cursor\":\"bogus!\"}", "cursor"},
        {"not json", "query_json"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        char *json = (char *)1;
        store_error_t error;
        store_status_t status =
            store_products_list(&json, catalog->store, NULL, bad[i].query, &error);
        if (status != STORE_EINVAL || strcmp(error.field, bad[i].field) != 0) {
            fail_msg("%s: got %s field '%s'", bad[i].query, store_status_name(status), error.field);
        }
        assert_null(json);
    }
}

static void pages_never_skip_or_repeat_under_inserts(void **state) {
    catalog_state_t *catalog = *state;
    char originals[10][25];
    for (int i = 0; i < 10; ++i) {
        char body[128];
        snprintf(body, sizeof body, "{\"name\":\"m%d\",\"price\":%d,\"stock\":1}", i % 5,
                 10 + i % 3);
        create_product(catalog, body, originals[i]);
    }
    const char *sorts[] = {"name", "-name", "price", "-price", "created_at", "-created_at"};
    int inserted = 0;
    for (size_t s = 0; s < sizeof sorts / sizeof sorts[0]; ++s) {
        char seen[MAX_IDS][25];
        int seen_count = 0;
        char added[MAX_IDS][25];
        int added_count = 0;
        char query[600];
        snprintf(query, sizeof query, "{\"sort\":\"%s\",\"limit\":3}", sorts[s]);
        for (int pages = 0;; ++pages) {
            assert_true(pages < 30);
            char *page = list_products(catalog, NULL, query);
            seen_count += page_ids(page, seen + seen_count, MAX_IDS - seen_count);
            if (strstr(page, "\"next_cursor\":null") != NULL) {
                store_free(page);
                break;
            }
            char cursor[512];
            capi_json_string(page, "next_cursor", cursor, sizeof cursor);
            store_free(page);
            snprintf(query, sizeof query, "{\"sort\":\"%s\",\"limit\":3,\"cursor\":\"%s\"}",
                     sorts[s], cursor);
            char body[128];
            ++inserted;
            /* Before and after the cursor in every order (and, being new, the latest). */
            snprintf(body, sizeof body, "{\"name\":\"a%d\",\"price\":1,\"stock\":1}", inserted);
            create_product(catalog, body, added[added_count++]);
            snprintf(body, sizeof body, "{\"name\":\"z%d\",\"price\":99,\"stock\":1}", inserted);
            create_product(catalog, body, added[added_count++]);
            assert_true(added_count + 2 <= MAX_IDS);
        }
        for (int k = 0; k < added_count; ++k) {
            assert_int_equal(store_product_delete(catalog->admin, added[k], NULL), STORE_OK);
        }
        for (int i = 0; i < 10; ++i) {
            int times = 0;
            for (int k = 0; k < seen_count; ++k) {
                times += strcmp(seen[k], originals[i]) == 0;
            }
            if (times != 1) {
                fail_msg("sort %s: original %s seen %d times", sorts[s], originals[i], times);
            }
        }
        for (int a = 0; a < seen_count; ++a) {
            for (int b = a + 1; b < seen_count; ++b) {
                if (strcmp(seen[a], seen[b]) == 0) {
                    fail_msg("sort %s: %s repeated", sorts[s], seen[a]);
                }
            }
        }
    }
}

static void a_page_of_one_hundred_is_one_round_trip(void **state) {
    catalog_state_t *catalog = *state;
    for (int i = 0; i < 101; ++i) {
        char body[128];
        snprintf(body, sizeof body, "{\"name\":\"P%03d\",\"price\":%d.25,\"stock\":1}", i, i + 1);
        create_product(catalog, body, NULL);
    }
    long finds = capi_command_count(catalog->store, "find");
    long more = capi_command_count(catalog->store, "getMore");
    long kills = capi_command_count(catalog->store, "killCursors");
    char *page = list_products(catalog, NULL, "{\"limit\":100,\"sort\":\"-price\"}");
    assert_int_equal(item_count(page), 100);
    assert_null(strstr(page, "\"next_cursor\":null"));
    store_free(page);
    assert_int_equal(capi_command_count(catalog->store, "find"), finds + 1);
    assert_int_equal(capi_command_count(catalog->store, "getMore"), more);
    assert_int_equal(capi_command_count(catalog->store, "killCursors"), kills);
}

static void arguments_are_checked(void **state) {
    catalog_state_t *catalog = *state;
    char *json = NULL;
    store_error_t error;
    expect_status(store_products_list(&json, NULL, NULL, NULL, &error), &error, STORE_EINVAL,
                  "store");
    expect_status(store_products_list(NULL, catalog->store, NULL, NULL, &error), &error,
                  STORE_EINVAL, "out_page_json");
    expect_status(store_product_get(&json, catalog->store, NULL, NULL, &error), &error,
                  STORE_EINVAL, "product_id");
    expect_status(store_category_create(&json, NULL, "{\"name\":\"A\"}", &error), &error,
                  STORE_EINVAL, "session");
    expect_status(store_category_create(&json, catalog->admin, NULL, &error), &error, STORE_EINVAL,
                  "category_json");
    expect_status(store_product_delete(catalog->admin, NULL, &error), &error, STORE_EINVAL,
                  "product_id");
    assert_int_equal(store_categories_list(&json, catalog->store, "", NULL), STORE_OK);
    store_free(json);

    /* A session of another store is refused, not checked against the wrong accounts. */
    store_options_t options = capi_test_options();
    store_t *other = NULL;
    assert_int_equal(store_open(&other, &options, &error), STORE_OK);
    expect_status(store_products_list(&json, other, catalog->admin, NULL, &error), &error,
                  STORE_EINVAL, "session");
    store_close(other);
}

int main(void) {
#define CATALOG_TEST(name) cmocka_unit_test_setup_teardown(name, open_catalog, close_catalog)
    const struct CMUnitTest tests[] = {
        CATALOG_TEST(categories_crud_and_rules),
        CATALOG_TEST(writes_are_for_admins_only),
        CATALOG_TEST(product_validation_names_the_field),
        CATALOG_TEST(money_is_exact),
        CATALOG_TEST(hidden_products_are_for_admins_only),
        CATALOG_TEST(malformed_ids_are_not_found),
        CATALOG_TEST(filters_and_sorts),
        CATALOG_TEST(pages_never_skip_or_repeat_under_inserts),
        CATALOG_TEST(a_page_of_one_hundred_is_one_round_trip),
        CATALOG_TEST(arguments_are_checked),
    };
    return cmocka_run_group_tests_name("catalog", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
