/* Injection and abuse through the public C ABI: operator objects and `$`/`.` keys in every JSON
 * field, wrong types, huge strings and arrays, deep nesting, invalid UTF-8, NUL characters,
 * malformed ids, impossible quantities and prices, forged and expired tokens, NULL arguments.
 * Each call must fail with the documented status (naming the field where there is one), leave
 * its out-parameter NULL, and leave every collection of the database exactly as it was. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <mongoc/mongoc.h>

#include "capi_fixture.h"

/* ---- the shop every test starts from, and its snapshot -------------------------------------- */

typedef struct shop {
    store_t *store;
    store_session_t *admin;
    store_session_t *ada;
    char category[25];
    char product[25];
    char order[25];
    char ada_id[25];
    char *snapshot;
} shop_t;

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every document of every collection, in _id order, as canonical extended JSON. */
static char *snapshot(void) {
    mongoc_client_t *client = mongoc_client_new(test_database_uri(capi_test_database));
    assert_non_null(client);
    mongoc_database_t *database =
        mongoc_client_get_database(client, test_database_name(capi_test_database));
    bson_error_t error;
    char **names = mongoc_database_get_collection_names_with_opts(database, NULL, &error);
    if (names == NULL) {
        fail_msg("listing collections: %s", error.message);
    }
    size_t count = 0;
    while (names[count] != NULL) {
        ++count;
    }
    qsort(names, count, sizeof names[0], compare_names);
    bson_string_t *out = bson_string_new("");
    bson_t *filter = bson_new();
    bson_t *options = BCON_NEW("sort", "{", "_id", BCON_INT32(1), "}");
    for (size_t i = 0; i < count; ++i) {
        if (strncmp(names[i], "system.", 7) == 0) {
            continue;
        }
        bson_string_append_printf(out, "== %s\n", names[i]);
        mongoc_collection_t *collection = mongoc_database_get_collection(database, names[i]);
        mongoc_cursor_t *cursor =
            mongoc_collection_find_with_opts(collection, filter, options, NULL);
        const bson_t *document;
        while (mongoc_cursor_next(cursor, &document)) {
            char *text = bson_as_canonical_extended_json(document, NULL);
            bson_string_append_printf(out, "%s\n", text);
            bson_free(text);
        }
        if (mongoc_cursor_error(cursor, &error)) {
            fail_msg("reading %s: %s", names[i], error.message);
        }
        mongoc_cursor_destroy(cursor);
        mongoc_collection_destroy(collection);
    }
    bson_destroy(options);
    bson_destroy(filter);
    bson_strfreev(names);
    mongoc_database_destroy(database);
    mongoc_client_destroy(client);
    return bson_string_free(out, false);
}

static void ok(store_status_t status, const store_error_t *error) {
    if (status != STORE_OK) {
        fail_msg("%s: %s (%s)", store_status_name(status), error->message, error->field);
    }
}

static int setup_shop(void **state) {
    if (capi_fixture_open_store(state) != 0) {
        return -1;
    }
    shop_t *shop = calloc(1, sizeof *shop);
    shop->store = *state;
    capi_create_user(shop->store, "root", 1, NULL);
    char *user = NULL;
    capi_create_user(shop->store, "ada", 0, &user);
    capi_json_string(user, "id", shop->ada_id, sizeof shop->ada_id);
    store_free(user);
    shop->admin = capi_login(shop->store, "root");
    shop->ada = capi_login(shop->store, "ada");
    store_error_t error;
    char *json = NULL;
    ok(store_category_create(&json, shop->admin, "{\"name\":\"Books\"}", &error), &error);
    capi_json_string(json, "id", shop->category, sizeof shop->category);
    store_free(json);
    char body[256];
    snprintf(body, sizeof body,
             "{\"name\":\"Pen\",\"price\":19.99,\"stock\":10,\"category_id\":\"%s\"}",
             shop->category);
    ok(store_product_create(&json, shop->admin, body, &error), &error);
    capi_json_string(json, "id", shop->product, sizeof shop->product);
    store_free(json);
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":2}", shop->product);
    ok(store_cart_add_item(&json, shop->ada, body, &error), &error);
    store_free(json);
    ok(store_order_place(&json, NULL, shop->ada, "first", &error), &error);
    capi_json_string(json, "id", shop->order, sizeof shop->order);
    store_free(json);
    ok(store_cart_add_item(&json, shop->ada, body, &error), &error);
    store_free(json);
    shop->snapshot = snapshot();
    *state = shop;
    return 0;
}

/* The database must be exactly as setup_shop() left it. */
static int teardown_shop(void **state) {
    shop_t *shop = *state;
    char *now = snapshot();
    bool same = strcmp(now, shop->snapshot) == 0;
    if (!same) {
        fprintf(stderr, "database changed.\nbefore:\n%s\nafter:\n%s\n", shop->snapshot, now);
    }
    bson_free(now);
    bson_free(shop->snapshot);
    store_session_free(shop->admin);
    store_session_free(shop->ada);
    *state = shop->store;
    free(shop);
    capi_fixture_close_store(state);
    return same ? 0 : -1;
}

/* ---- calling every entry point that takes JSON --------------------------------------------- */

typedef enum entry {
    REGISTER,
    LOGIN,
    UPDATE_ME,
    CATEGORY_CREATE,
    CATEGORY_UPDATE,
    PRODUCT_CREATE,
    PRODUCT_UPDATE,
    CART_ADD,
    CART_SET,
    ORDER_SET_STATUS,
    USERS_LIST,
    CATEGORIES_LIST,
    PRODUCTS_LIST,
    ORDERS_LIST,
    ENTRY_COUNT
} entry_t;

static const char *const entry_names[ENTRY_COUNT] = {
    "store_register",         "store_login",           "store_session_update_me",
    "store_category_create",  "store_category_update", "store_product_create",
    "store_product_update",   "store_cart_add_item",   "store_cart_set_quantity",
    "store_order_set_status", "store_users_list",      "store_categories_list",
    "store_products_list",    "store_orders_list"};

/* Calls `entry` with `json`; the out-parameter must be NULL unless it succeeded. */
static store_status_t call(shop_t *shop, entry_t entry, const char *json, store_error_t *error) {
    char *out = (char *)"not reset";
    store_status_t status = STORE_EINTERNAL;
    switch (entry) {
        case REGISTER:
            status = store_register(&out, shop->store, json, error);
            break;
        case LOGIN:
            status = store_login(&out, shop->store, json, error);
            break;
        case UPDATE_ME:
            status = store_session_update_me(&out, shop->ada, json, error);
            break;
        case CATEGORY_CREATE:
            status = store_category_create(&out, shop->admin, json, error);
            break;
        case CATEGORY_UPDATE:
            status = store_category_update(&out, shop->admin, shop->category, json, error);
            break;
        case PRODUCT_CREATE:
            status = store_product_create(&out, shop->admin, json, error);
            break;
        case PRODUCT_UPDATE:
            status = store_product_update(&out, shop->admin, shop->product, json, error);
            break;
        case CART_ADD:
            status = store_cart_add_item(&out, shop->ada, json, error);
            break;
        case CART_SET:
            status = store_cart_set_quantity(&out, shop->ada, shop->product, json, error);
            break;
        case ORDER_SET_STATUS:
            status = store_order_set_status(&out, shop->admin, shop->order, json, error);
            break;
        case USERS_LIST:
            status = store_users_list(&out, shop->admin, json, error);
            break;
        case CATEGORIES_LIST:
            status = store_categories_list(&out, shop->store, json, error);
            break;
        case PRODUCTS_LIST:
            status = store_products_list(&out, shop->store, NULL, json, error);
            break;
        case ORDERS_LIST:
            status = store_orders_list(&out, shop->ada, json, error);
            break;
        case ENTRY_COUNT:
            break;
    }
    if (status != STORE_OK) {
        assert_null(out);
        assert_int_equal(error->code, status);
        assert_true(error->message[0] != '\0');
    }
    store_free(status == STORE_OK ? out : NULL);
    return status;
}

/* Fails the test unless the call gives `expected` (and names `field` when it is not NULL). */
static void expect(shop_t *shop, entry_t entry, const char *json, store_status_t expected,
                   const char *field) {
    store_error_t error;
    store_status_t status = call(shop, entry, json, &error);
    if (status != expected || (field != NULL && strcmp(error.field, field) != 0)) {
        fail_msg("%s(%.200s): %s \"%s\" (field \"%s\"), expected %s (field \"%s\")",
                 entry_names[entry], json, store_status_name(status), error.message, error.field,
                 store_status_name(expected), field != NULL ? field : "");
    }
}

/* A body: `count` key/raw-JSON-value pairs, with the value of `field` replaced by `raw`. */
typedef struct member {
    const char *key;
    const char *value;
} member_t;

static char *body_with(const member_t *members, size_t count, const char *field, const char *raw) {
    size_t size = 3;
    for (size_t i = 0; i < count; ++i) {
        const char *value = strcmp(members[i].key, field) == 0 ? raw : members[i].value;
        size += strlen(members[i].key) + strlen(value) + 4;
    }
    char *body = malloc(size);
    char *at = body;
    *at++ = '{';
    for (size_t i = 0; i < count; ++i) {
        const char *value = strcmp(members[i].key, field) == 0 ? raw : members[i].value;
        at += sprintf(at, "%s\"%s\":%s", i > 0 ? "," : "", members[i].key, value);
    }
    *at++ = '}';
    *at = '\0';
    return body;
}

typedef struct body_entry {
    entry_t entry;
    size_t count;
    member_t members[10];
    /* per member: 's' text, 'i' id looked up (malformed: not found), 'r' id that is an input
     * rule (malformed: invalid), 'm' money, 'n' integer, 'b' boolean, 'l' list, 'o' object */
    const char *kinds;
} body_entry_t;

/* Every entry point with a body, with a valid body; %s is filled with the shop's ids. */
static body_entry_t *body_entries(shop_t *shop, size_t *count) {
    static char product_id[32], category_id[32];
    snprintf(product_id, sizeof product_id, "\"%s\"", shop->product);
    snprintf(category_id, sizeof category_id, "\"%s\"", shop->category);
    static body_entry_t entries[] = {
        {REGISTER,
         6,
         {{"username", "\"eve\""},
          {"email", "\"eve@example.com\""},
          {"password", "\"password-123\""},
          {"name", "\"Eve\""},
          {"phone", "\"+1 555\""},
          {"address", "\"Street 1\""}},
         "ssssss"},
        {LOGIN, 2, {{"username", "\"ada\""}, {"password", "\"password-123\""}}, "ss"},
        {LOGIN, 2, {{"email", "\"ada@example.com\""}, {"password", "\"password-123\""}}, "ss"},
        {UPDATE_ME,
         5,
         {{"name", "\"A\""},
          {"phone", "\"123\""},
          {"address", "\"B\""},
          {"email", "\"new@example.com\""},
          {"password", "\"another-password\""}},
         "sssss"},
        {CATEGORY_CREATE, 2, {{"name", "\"Lamps\""}, {"description", "\"d\""}}, "ss"},
        {CATEGORY_UPDATE, 2, {{"name", "\"Lamps\""}, {"description", "\"d\""}}, "ss"},
        {PRODUCT_CREATE,
         9,
         {{"name", "\"Lamp\""},
          {"price", "5"},
          {"stock", "1"},
          {"category_id", category_id},
          {"description", "\"d\""},
          {"image_url", "\"https://example.com/a.png\""},
          {"sizes", "[\"S\"]"},
          {"attributes", "{\"author\":\"x\"}"},
          {"in_stock", "true"}},
         "smnrsslob"},
        {PRODUCT_UPDATE,
         9,
         {{"name", "\"Lamp\""},
          {"price", "5"},
          {"stock", "1"},
          {"category_id", category_id},
          {"description", "\"d\""},
          {"image_url", "\"https://example.com/a.png\""},
          {"sizes", "[\"S\"]"},
          {"attributes", "{\"author\":\"x\"}"},
          {"in_stock", "true"}},
         "smnrsslob"},
        {CART_ADD, 2, {{"product_id", product_id}, {"quantity", "1"}}, "in"},
        {CART_SET, 1, {{"quantity", "1"}}, "n"},
        {ORDER_SET_STATUS, 1, {{"status", "\"paid\""}}, "s"},
    };
    *count = sizeof entries / sizeof entries[0];
    return entries;
}

static const char *const operators[] = {
    "{\"$ne\":null}",
    "{\"$gt\":\"\"}",
    "{\"$where\":\"sleep(1000) || true\"}",
    "{\"$regex\":\".*\"}",
    "{\"$in\":[\"admin\",\"client\"]}",
    "{\"$exists\":true}",
};

static void operator_objects_in_every_field(void **state) {
    shop_t *shop = *state;
    size_t count;
    body_entry_t *entries = body_entries(shop, &count);
    for (size_t e = 0; e < count; ++e) {
        for (size_t m = 0; m < entries[e].count; ++m) {
            for (size_t o = 0; o < sizeof operators / sizeof operators[0]; ++o) {
                char *body = body_with(entries[e].members, entries[e].count,
                                       entries[e].members[m].key, operators[o]);
                expect(shop, entries[e].entry, body, STORE_EINVAL, entries[e].members[m].key);
                free(body);
            }
        }
    }
    /* Inside lists and attribute values too. */
    expect(shop, PRODUCT_CREATE,
           "{\"name\":\"L\",\"price\":1,\"stock\":1,\"sizes\":[\"S\",{\"$ne\":null}]}",
           STORE_EINVAL, "sizes");
    expect(shop, PRODUCT_CREATE,
           "{\"name\":\"L\",\"price\":1,\"stock\":1,\"attributes\":{\"a\":{\"$ne\":null}}}",
           STORE_EINVAL, "attributes");
    /* Query objects. */
    expect(shop, PRODUCTS_LIST, "{\"q\":{\"$regex\":\".*\"}}", STORE_EINVAL, "q");
    expect(shop, PRODUCTS_LIST, "{\"category\":{\"$ne\":null}}", STORE_EINVAL, "category");
    expect(shop, PRODUCTS_LIST, "{\"min_price\":{\"$gt\":0}}", STORE_EINVAL, "min_price");
    expect(shop, PRODUCTS_LIST, "{\"attr.author\":{\"$ne\":null}}", STORE_EINVAL, "attr.author");
    expect(shop, USERS_LIST, "{\"role\":{\"$ne\":\"client\"}}", STORE_EINVAL, "role");
    expect(shop, USERS_LIST, "{\"username\":{\"$regex\":\".*\"}}", STORE_EINVAL, "username");
    expect(shop, ORDERS_LIST, "{\"status\":{\"$in\":[\"placed\"]}}", STORE_EINVAL, "status");
    expect(shop, CATEGORIES_LIST, "{\"cursor\":{\"$gt\":\"\"}}", STORE_EINVAL, "cursor");
}

static void dollar_and_dotted_keys(void **state) {
    shop_t *shop = *state;
    static const char *const keys[] = {
        "$where",    "$set", "a.b",           "$",          ".",      "role",
        "is_active", "_id",  "password_hash", "created_at", "user_id"};
    size_t count;
    body_entry_t *entries = body_entries(shop, &count);
    for (size_t e = 0; e < count; ++e) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; ++k) {
            member_t members[11];
            memcpy(members, entries[e].members, entries[e].count * sizeof members[0]);
            members[entries[e].count] = (member_t){keys[k], "\"admin\""};
            char *body = body_with(members, entries[e].count + 1, "", "");
            expect(shop, entries[e].entry, body, STORE_EINVAL, keys[k]);
            free(body);
        }
    }
    static const char *const attribute_keys[] = {"$where", "a.b", "$", "Author", "a b", ""};
    for (size_t k = 0; k < sizeof attribute_keys / sizeof attribute_keys[0]; ++k) {
        char body[160];
        snprintf(body, sizeof body,
                 "{\"name\":\"L\",\"price\":1,\"stock\":1,\"attributes\":{\"%s\":\"x\"}}",
                 attribute_keys[k]);
        expect(shop, PRODUCT_CREATE, body, STORE_EINVAL, "attributes");
    }
    expect(shop, PRODUCTS_LIST, "{\"attr.$where\":\"1\"}", STORE_EINVAL, "attr.$where");
    expect(shop, PRODUCTS_LIST, "{\"attr.a.b\":\"1\"}", STORE_EINVAL, "attr.a.b");
    expect(shop, PRODUCTS_LIST, "{\"$where\":\"1\"}", STORE_EINVAL, "$where");
    expect(shop, USERS_LIST, "{\"$where\":\"1\"}", STORE_EINVAL, "$where");
}

static void wrong_types_in_every_field(void **state) {
    shop_t *shop = *state;
    static const char *const not_text[] = {"17", "1.5", "true", "[]", "[\"a\"]", "{}"};
    static const char *const not_numbers[] = {"\"5\"", "\"\"", "true", "[]", "[5]", "{}"};
    static const char *const not_integers[] = {"\"5\"", "1.5", "true", "[]", "{}", "1e300"};
    static const char *const not_bools[] = {"1", "0", "\"true\"", "[]", "{}"};
    static const char *const not_lists[] = {"\"S\"", "5", "{}", "[1]", "[null]", "[[\"S\"]]"};
    static const char *const not_objects[] = {"\"x\"", "5", "[]", "{\"a\":5}", "{\"a\":[\"x\"]}"};
    size_t count;
    body_entry_t *entries = body_entries(shop, &count);
    for (size_t e = 0; e < count; ++e) {
        for (size_t m = 0; m < entries[e].count; ++m) {
            const char *const *values;
            size_t n;
            switch (entries[e].kinds[m]) {
                case 'm':
                    values = not_numbers, n = 6;
                    break;
                case 'n':
                    values = not_integers, n = 6;
                    break;
                case 'b':
                    values = not_bools, n = 5;
                    break;
                case 'l':
                    values = not_lists, n = 6;
                    break;
                case 'o':
                    values = not_objects, n = 5;
                    break;
                default:
                    values = not_text, n = 6;
                    break;
            }
            for (size_t v = 0; v < n; ++v) {
                char *body = body_with(entries[e].members, entries[e].count,
                                       entries[e].members[m].key, values[v]);
                expect(shop, entries[e].entry, body, STORE_EINVAL, entries[e].members[m].key);
                free(body);
            }
        }
        /* JSON that is not an object, and no JSON at all. */
        static const char *const not_objects_at_all[] = {"[]", "[{}]", "\"{}\"",
                                                         "42", "null", "true"};
        for (size_t v = 0; v < 6; ++v) {
            expect(shop, entries[e].entry, not_objects_at_all[v], STORE_EINVAL, NULL);
        }
    }
    expect(shop, PRODUCTS_LIST, "{\"limit\":[5]}", STORE_EINVAL, "limit");
    expect(shop, PRODUCTS_LIST, "{\"include_hidden\":1}", STORE_EINVAL, "include_hidden");
    expect(shop, USERS_LIST, "{\"is_active\":\"yes\"}", STORE_EINVAL, "is_active");
}

static char *repeated(const char *prefix, const char *unit, size_t times, const char *suffix) {
    size_t unit_length = strlen(unit);
    char *text = malloc(strlen(prefix) + unit_length * times + strlen(suffix) + 1);
    char *at = text + sprintf(text, "%s", prefix);
    for (size_t i = 0; i < times; ++i) {
        memcpy(at, unit, unit_length);
        at += unit_length;
    }
    strcpy(at, suffix);
    return text;
}

static void huge_strings_arrays_and_documents(void **state) {
    shop_t *shop = *state;
    char *huge = repeated("\"", "x", 200000, "\"");
    size_t count;
    body_entry_t *entries = body_entries(shop, &count);
    for (size_t e = 0; e < count; ++e) {
        for (size_t m = 0; m < entries[e].count; ++m) {
            char kind = entries[e].kinds[m];
            if (kind != 's' && kind != 'r' && kind != 'i') {
                continue;
            }
            char *body =
                body_with(entries[e].members, entries[e].count, entries[e].members[m].key, huge);
            expect(shop, entries[e].entry, body, kind == 'i' ? STORE_ENOTFOUND : STORE_EINVAL,
                   kind == 'i' ? NULL : entries[e].members[m].key);
            free(body);
        }
    }
    free(huge);
    char *sizes = repeated("{\"name\":\"L\",\"price\":1,\"stock\":1,\"sizes\":[\"S\"", ",\"S\"",
                           100000, "]}");
    expect(shop, PRODUCT_CREATE, sizes, STORE_EINVAL, "sizes");
    free(sizes);
    char *keys = malloc(400000);
    char *at = keys + sprintf(keys, "{\"name\":\"L\",\"price\":1,\"stock\":1,\"attributes\":{");
    for (int i = 0; i < 10000; ++i) {
        at += sprintf(at, "%s\"k%d\":\"v\"", i > 0 ? "," : "", i);
    }
    strcpy(at, "}}");
    expect(shop, PRODUCT_CREATE, keys, STORE_EINVAL, "attributes");
    free(keys);
    /* Over 1 MiB is STORE_ETOOLARGE for every JSON input. */
    char *too_large = repeated("{\"name\":\"", "n", 1024 * 1024 + 1, "\"}");
    for (entry_t entry = 0; entry < ENTRY_COUNT; ++entry) {
        expect(shop, entry, too_large, STORE_ETOOLARGE, NULL);
    }
    free(too_large);
}

static void deep_nesting(void **state) {
    shop_t *shop = *state;
    static const size_t depths[] = {100, 1500, 2100, 100000};
    for (size_t d = 0; d < sizeof depths / sizeof depths[0]; ++d) {
        char *arrays = repeated("{\"name\":", "[", depths[d], "");
        char *closed = repeated(arrays, "]", depths[d], "}");
        char *objects = repeated("", "{\"a\":", depths[d], "1");
        char *objects_closed = repeated(objects, "}", depths[d], "");
        for (entry_t entry = 0; entry < ENTRY_COUNT; ++entry) {
            expect(shop, entry, closed, STORE_EINVAL, NULL);
            expect(shop, entry, objects_closed, STORE_EINVAL, NULL);
        }
        free(arrays);
        free(closed);
        free(objects);
        free(objects_closed);
    }
}

static void invalid_utf8_nul_and_bad_json(void **state) {
    shop_t *shop = *state;
    static const char *const bad[] = {"\xff",
                                      "\xc3\x28",
                                      "\xe2\x82",
                                      "\xed\xa0\x80",
                                      "\xc0\xaf",
                                      "\xf8\x88\x80\x80\x80",
                                      "\xf4\x90\x80\x80",
                                      "\\ud800",
                                      "\\udc00",
                                      "\\ud800\\u0041",
                                      "\\u0000",
                                      "a\\u0000b"};
    size_t count;
    body_entry_t *entries = body_entries(shop, &count);
    for (size_t e = 0; e < count; ++e) {
        for (size_t m = 0; m < entries[e].count; ++m) {
            char kind = entries[e].kinds[m];
            if (kind != 's' && kind != 'r' && kind != 'i') {
                continue;
            }
            for (size_t b = 0; b < sizeof bad / sizeof bad[0]; ++b) {
                char value[64];
                snprintf(value, sizeof value, "\"ok%sok\"", bad[b]);
                char *body = body_with(entries[e].members, entries[e].count,
                                       entries[e].members[m].key, value);
                expect(shop, entries[e].entry, body, STORE_EINVAL, NULL);
                free(body);
            }
        }
        static const char *const not_json[] = {"{",
                                               "{\"a\":}",
                                               "{'a': 1}",
                                               "{\"a\": NaN}",
                                               "{\"a\": -Infinity}",
                                               "{\"a\": 1} x",
                                               "\xef\xbb\xbf{}",
                                               "{\"a\": 01}",
                                               "{\"a\": 1e99999}",
                                               "{\"a\":1,\"a\":1}",
                                               "{\"\xff\":1}",
                                               "{\"a\\u0000b\":1}",
                                               "{\"\\ud800\":1}",
                                               ""};
        for (size_t j = 0; j < sizeof not_json / sizeof not_json[0]; ++j) {
            bool optional = entries[e].entry >= USERS_LIST && not_json[j][0] == '\0';
            if (!optional) {
                expect(shop, entries[e].entry, not_json[j], STORE_EINVAL, NULL);
            }
        }
    }
    /* The error text stays clean UTF-8 whatever the input held (it quotes the input). */
    store_error_t error;
    assert_int_equal(call(shop, REGISTER, "[\"\\\xd5\"]", &error), STORE_EINVAL);
    for (const char *c = error.message; *c != '\0'; ++c) {
        assert_true((unsigned char)*c >= 0x20);
    }
}

static void impossible_quantities_and_prices(void **state) {
    shop_t *shop = *state;
    static const char *const prices[] = {"0",
                                         "-1",
                                         "-0.01",
                                         "0.001",
                                         "19.999",
                                         "19.990000001",
                                         "1e-9",
                                         "10000000.01",
                                         "1e300",
                                         "9223372036854775808",
                                         "18446744073709551616",
                                         "-9223372036854775809",
                                         "1e400",
                                         "-0.0"};
    static const char *const stocks[] = {
        "-1", "1.5", "1000000001", "1e10", "9223372036854775808", "1e300", "1e400", "-0.5"};
    static const char *const quantities[] = {
        "0", "-1", "1.5", "1001", "2147483648", "9223372036854775808", "1e300", "-0.5"};
    char body[256];
    for (size_t i = 0; i < sizeof prices / sizeof prices[0]; ++i) {
        snprintf(body, sizeof body, "{\"name\":\"L\",\"stock\":1,\"price\":%s}", prices[i]);
        expect(shop, PRODUCT_CREATE, body, STORE_EINVAL, NULL);
        snprintf(body, sizeof body, "{\"price\":%s}", prices[i]);
        expect(shop, PRODUCT_UPDATE, body, STORE_EINVAL, NULL);
    }
    for (size_t i = 0; i < sizeof stocks / sizeof stocks[0]; ++i) {
        snprintf(body, sizeof body, "{\"name\":\"L\",\"price\":1,\"stock\":%s}", stocks[i]);
        expect(shop, PRODUCT_CREATE, body, STORE_EINVAL, NULL);
        snprintf(body, sizeof body, "{\"stock\":%s}", stocks[i]);
        expect(shop, PRODUCT_UPDATE, body, STORE_EINVAL, NULL);
    }
    for (size_t i = 0; i < sizeof quantities / sizeof quantities[0]; ++i) {
        snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":%s}", shop->product,
                 quantities[i]);
        expect(shop, CART_ADD, body, STORE_EINVAL, NULL);
        if (strcmp(quantities[i], "0") != 0) { /* 0 removes the line: legal */
            snprintf(body, sizeof body, "{\"quantity\":%s}", quantities[i]);
            expect(shop, CART_SET, body, STORE_EINVAL, NULL);
        }
    }
    static const char *const queries[] = {"{\"min_price\":\"-1\"}",
                                          "{\"max_price\":-0.01}",
                                          "{\"min_price\":\"1.001\"}",
                                          "{\"max_price\":\"1e400\"}",
                                          "{\"min_price\":\"NaN\"}",
                                          "{\"min_price\":5,\"max_price\":4}",
                                          "{\"limit\":0}",
                                          "{\"limit\":101}",
                                          "{\"limit\":\"-1\"}",
                                          "{\"limit\":1.5}",
                                          "{\"limit\":\"99999999999999999999\"}",
                                          "{\"limit\":\"\"}"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; ++i) {
        expect(shop, PRODUCTS_LIST, queries[i], STORE_EINVAL, NULL);
    }
}

static void malformed_ids_are_not_found(void **state) {
    shop_t *shop = *state;
    static const char *const ids[] = {"",
                                      "123",
                                      "gggggggggggggggggggggggg",
                                      "00000000000000000000000",
                                      "0000000000000000000000000",
                                      "{\"$ne\":null}",
                                      "../../etc/passwd",
                                      " 000000000000000000000000",
                                      "0000000000000000000000\xff\xff",
                                      "ffffffffffffffffffffffff"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; ++i) {
        const char *id = ids[i];
        char *out = NULL;
        store_error_t error;
        store_status_t statuses[] = {
            store_category_get(&out, shop->store, id, &error),
            store_category_update(&out, shop->admin, id, "{\"name\":\"X\"}", &error),
            store_category_delete(shop->admin, id, &error),
            store_product_get(&out, shop->store, NULL, id, &error),
            store_product_get(&out, shop->store, shop->admin, id, &error),
            store_product_update(&out, shop->admin, id, "{\"name\":\"X\"}", &error),
            store_product_delete(shop->admin, id, &error),
            store_cart_set_quantity(&out, shop->ada, id, "{\"quantity\":1}", &error),
            store_cart_remove_item(&out, shop->ada, id, &error),
            store_order_get(&out, shop->ada, id, &error),
            store_order_status(&out, shop->ada, id, &error),
            store_order_cancel(&out, shop->ada, id, &error),
            store_order_get(&out, shop->admin, id, &error),
            store_order_set_status(&out, shop->admin, id, "{\"status\":\"paid\"}", &error),
            store_order_cancel(&out, shop->admin, id, &error),
            store_user_deactivate(&out, shop->admin, id, &error),
            store_user_activate(&out, shop->admin, id, &error),
        };
        for (size_t s = 0; s < sizeof statuses / sizeof statuses[0]; ++s) {
            if (statuses[s] != STORE_ENOTFOUND) {
                fail_msg("id \"%s\", call %zu: %s", id, s, store_status_name(statuses[s]));
            }
        }
        assert_null(out);
    }
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\"}", "123");
    expect(shop, CART_ADD, body, STORE_ENOTFOUND, NULL);
    expect(shop, CART_ADD, "{\"product_id\":\"ffffffffffffffffffffffff\"}", STORE_ENOTFOUND, NULL);
    expect(shop, PRODUCT_CREATE, "{\"name\":\"L\",\"price\":1,\"stock\":1,\"category_id\":\"123\"}",
           STORE_EINVAL, "category_id");
    expect(shop, PRODUCT_CREATE,
           "{\"name\":\"L\",\"price\":1,\"stock\":1,\"category_id\":\"ffffffffffffffffffffffff\"}",
           STORE_EINVAL, "category_id");
    expect(shop, ORDERS_LIST, "{\"user_id\":\"123\"}", STORE_EFORBIDDEN, NULL);
}

/* ---- tokens ---------------------------------------------------------------------------------- */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void b64url(const char *text, char *out) {
    size_t length = strlen(text);
    size_t i = 0;
    for (; i + 2 < length; i += 3) {
        uint32_t n = ((uint32_t)(unsigned char)text[i] << 16) |
                     ((uint32_t)(unsigned char)text[i + 1] << 8) | (unsigned char)text[i + 2];
        *out++ = b64_alphabet[(n >> 18) & 63];
        *out++ = b64_alphabet[(n >> 12) & 63];
        *out++ = b64_alphabet[(n >> 6) & 63];
        *out++ = b64_alphabet[n & 63];
    }
    if (length - i > 0) {
        uint32_t n = (uint32_t)(unsigned char)text[i] << 16;
        if (length - i == 2) {
            n |= (uint32_t)(unsigned char)text[i + 1] << 8;
        }
        *out++ = b64_alphabet[(n >> 18) & 63];
        *out++ = b64_alphabet[(n >> 12) & 63];
        if (length - i == 2) {
            *out++ = b64_alphabet[(n >> 6) & 63];
        }
    }
    *out = '\0';
}

static void token_of(store_t *store, const char *username, char *token, size_t size) {
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             CAPI_TEST_PASSWORD);
    char *json = NULL;
    store_error_t error;
    ok(store_login(&json, store, body, &error), &error);
    capi_json_string(json, "access_token", token, size);
    store_free(json);
}

static void expect_refused(store_t *store, const char *token) {
    store_session_t *session = (store_session_t *)(uintptr_t)1;
    store_error_t error;
    store_status_t status = store_session_open(&session, store, token, &error);
    if (status != STORE_EUNAUTHENTICATED) {
        fail_msg("token %.120s: %s", token, store_status_name(status));
    }
    assert_null(session);
}

static void forged_and_expired_tokens(void **state) {
    shop_t *shop = *state;
    char real[2048];
    token_of(shop->store, "ada", real, sizeof real);
    /* Signed with another key: another store's token. Expired: a store whose tokens live two
     * seconds, opened as a session at once (a loaded machine may take seconds over the checks
     * below) and used after they passed. */
    store_options_t options = capi_test_options();
    options.token_secret = "another-secret-0123456789abcdef0123456789";
    store_t *other = NULL;
    store_error_t error;
    ok(store_open(&other, &options, &error), &error);
    char foreign[2048];
    token_of(other, "ada", foreign, sizeof foreign);
    options = capi_test_options();
    options.token_lifetime_seconds = 2;
    store_t *short_lived = NULL;
    ok(store_open(&short_lived, &options, &error), &error);
    char expiring[2048];
    token_of(short_lived, "ada", expiring, sizeof expiring);
    store_session_t *session = NULL;
    ok(store_session_open(&session, shop->store, expiring, &error), &error);
    /* A login stores its refresh token: the forgeries below must change nothing from here. */
    bson_free(shop->snapshot);
    shop->snapshot = snapshot();
    char *first = strchr(real, '.');
    char *second = strchr(first + 1, '.');
    char header[512], payload[1024], signature[128];
    snprintf(header, sizeof header, "%.*s", (int)(first - real), real);
    snprintf(payload, sizeof payload, "%.*s", (int)(second - first - 1), first + 1);
    snprintf(signature, sizeof signature, "%s", second + 1);

    char claims[512], admin_payload[1024], none_header[128], hs512_header[128], forged[4096];
    snprintf(claims, sizeof claims,
             "{\"sub\":\"%s\",\"role\":\"admin\",\"iat\":1790000000,\"exp\":4102444800,"
             "\"jti\":\"x\",\"ver\":0}",
             shop->ada_id);
    b64url(claims, admin_payload);
    b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}", none_header);
    b64url("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", hs512_header);

    snprintf(forged, sizeof forged, "%s.%s.", none_header, admin_payload);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s", none_header, admin_payload);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s.%s", none_header, payload, signature);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s.%s", hs512_header, payload, signature);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s.%s", header, admin_payload, signature);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s.%.*s", header, payload, (int)strlen(signature) - 1,
             signature);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s.%s", real, signature);
    expect_refused(shop->store, forged);
    snprintf(forged, sizeof forged, "%s ", real);
    expect_refused(shop->store, forged);
    static const char *const garbage[] = {
        "", ".", "..", "a.b.c", "not a token", "\xff.\xff.\xff", "{\"$ne\":null}"};
    for (size_t t = 0; t < sizeof garbage / sizeof garbage[0]; ++t) {
        expect_refused(shop->store, garbage[t]);
    }
    char *long_token = repeated("", "a", 100000, "");
    expect_refused(shop->store, long_token);
    free(long_token);

    expect_refused(shop->store, foreign);

    struct timespec pause = {2, 100000000};
    nanosleep(&pause, NULL);
    char *me = NULL;
    assert_int_equal(store_session_me(&me, session, &error), STORE_EUNAUTHENTICATED);
    assert_null(me);
    store_session_free(session);
    expect_refused(shop->store, expiring);
    store_close(short_lived);
    store_close(other);
}

/* ---- a checkout refused for its lines ------------------------------------------------------- */

/* ada's cart line hidden: every checkout, whatever its key, is refused naming the line (or, for
 * the key of the order placed in setup, answered with that order), and writes nothing. */
static void a_checkout_refused_for_its_lines_writes_nothing(void **state) {
    shop_t *shop = *state;
    char *json = NULL;
    store_error_t error;
    ok(store_product_update(&json, shop->admin, shop->product, "{\"in_stock\":false}", &error),
       &error);
    store_free(json);
    bson_free(shop->snapshot);
    shop->snapshot = snapshot();
    const char *keys[] = {NULL, "second", "second", "\xe9\xe9", "{\"$ne\":null}"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; ++k) {
        char *order = NULL;
        char *error_json = NULL;
        store_status_t status =
            store_order_place_detailed(&order, NULL, &error_json, shop->ada, keys[k], &error);
        assert_null(order);
        assert_non_null(error_json);
        if (status == STORE_ECONFLICT) {
            assert_string_equal(error.field, "items");
            assert_non_null(strstr(error_json, "\"problem\":\"hidden\""));
            assert_non_null(strstr(error_json, shop->product));
        } else {
            assert_int_equal(status, STORE_EINVAL); /* the malformed keys */
            assert_string_equal(error.field, "idempotency_key");
            assert_null(strstr(error_json, "details"));
        }
        store_free(error_json);
    }
    char *order = NULL;
    int created = -1;
    ok(store_order_place_detailed(&order, &created, NULL, shop->ada, "first", &error), &error);
    assert_int_equal(created, 0);
    char id[25];
    capi_json_string(order, "id", id, sizeof id);
    assert_string_equal(id, shop->order);
    store_free(order);
    /* A guest with a well-formed token naming no cart prunes nothing and writes nothing. */
    char unknown[44];
    memset(unknown, 'c', 43);
    unknown[43] = '\0';
    store_session_t *guest = NULL;
    ok(store_guest_session_open(&guest, shop->store, unknown, &error), &error);
    ok(store_cart_prune(&json, guest, &error), &error);
    assert_non_null(strstr(json, "\"items\":[]"));
    store_free(json);
    store_session_free(guest);
}

/* ---- NULL where the ABI forbids it ----------------------------------------------------------- */

static void null_arguments_are_invalid_never_a_crash(void **state) {
    shop_t *shop = *state;
    char *out = NULL;
    store_session_t *session = NULL;
    store_transactions_t mode = STORE_TRANSACTIONS_AUTO;
    store_error_t error;
    const char *p = shop->product;
    store_status_t statuses[] = {
        store_register(NULL, shop->store, "{}", &error),
        store_register(&out, NULL, "{}", &error),
        store_register(&out, shop->store, NULL, &error),
        store_login(&out, shop->store, NULL, NULL),
        store_session_open(&session, shop->store, NULL, &error),
        store_session_open(NULL, shop->store, "x", &error),
        store_session_open(&session, NULL, "x", &error),
        store_session_update_me(&out, shop->ada, NULL, &error),
        store_session_update_me(&out, NULL, "{}", &error),
        store_session_me(NULL, shop->ada, &error),
        store_session_logout(NULL, &error),
        store_session_delete_me(NULL, &error),
        store_category_create(&out, shop->admin, NULL, &error),
        store_category_get(&out, shop->store, NULL, &error),
        store_category_update(&out, shop->admin, NULL, "{}", &error),
        store_category_update(&out, shop->admin, shop->category, NULL, &error),
        store_category_delete(shop->admin, NULL, &error),
        store_product_create(&out, NULL, "{}", &error),
        store_product_get(&out, NULL, NULL, p, &error),
        store_product_get(&out, shop->store, NULL, NULL, &error),
        store_product_update(&out, shop->admin, p, NULL, &error),
        store_product_delete(NULL, p, &error),
        store_cart_get(NULL, shop->ada, &error),
        store_cart_add_item(&out, shop->ada, NULL, &error),
        store_cart_set_quantity(&out, shop->ada, NULL, "{}", &error),
        store_cart_set_quantity(&out, shop->ada, p, NULL, &error),
        store_cart_remove_item(&out, shop->ada, NULL, &error),
        store_cart_clear(&out, NULL, &error),
        store_order_place(NULL, NULL, shop->ada, NULL, &error),
        store_order_place_detailed(NULL, NULL, NULL, shop->ada, NULL, &error),
        store_order_place_detailed(&out, NULL, NULL, NULL, NULL, &error),
        store_cart_prune(NULL, shop->ada, &error),
        store_cart_prune(&out, NULL, &error),
        store_order_get(&out, shop->ada, NULL, &error),
        store_order_status(&out, NULL, shop->order, &error),
        store_order_set_status(&out, shop->admin, shop->order, NULL, &error),
        store_order_cancel(&out, shop->ada, NULL, &error),
        store_users_list(&out, NULL, NULL, &error),
        store_user_deactivate(&out, shop->admin, NULL, &error),
        store_recover(NULL, NULL, &error),
        store_ping(NULL, &error),
        store_open(NULL, NULL, &error),
        store_stats(NULL, shop->store, &error),
        store_stats(&out, NULL, &error),
        store_transactions_from_name(NULL, "auto", &error),
        store_transactions_from_name(&mode, NULL, &error),
    };
    for (size_t s = 0; s < sizeof statuses / sizeof statuses[0]; ++s) {
        if (statuses[s] != STORE_EINVAL) {
            fail_msg("call %zu: %s", s, store_status_name(statuses[s]));
        }
    }
    assert_null(out);
    assert_null(session);
    store_session_free(NULL);
    store_close(NULL);
    store_free(NULL);
}

#define SHOP_TEST(name) cmocka_unit_test_setup_teardown(name, setup_shop, teardown_shop)

int main(void) {
    const struct CMUnitTest tests[] = {
        SHOP_TEST(operator_objects_in_every_field),
        SHOP_TEST(dollar_and_dotted_keys),
        SHOP_TEST(wrong_types_in_every_field),
        SHOP_TEST(huge_strings_arrays_and_documents),
        SHOP_TEST(deep_nesting),
        SHOP_TEST(invalid_utf8_nul_and_bad_json),
        SHOP_TEST(impossible_quantities_and_prices),
        SHOP_TEST(malformed_ids_are_not_found),
        SHOP_TEST(forged_and_expired_tokens),
        SHOP_TEST(a_checkout_refused_for_its_lines_writes_nothing),
        SHOP_TEST(null_arguments_are_invalid_never_a_crash),
    };
    return cmocka_run_group_tests_name("abuse", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
