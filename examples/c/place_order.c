/* place_order: the whole shop in one program — an admin stocks a product, a client fills a
 * cart and places an order.
 *
 *   MONGODB_URI=... LIBSTORE_SECRET=... ./place_order
 *
 * Every rule (who may do what, stock, totals) is the library's: this program only says what it
 * wants and reports what the library answers. */
#include <libstore/store.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD "correct horse battery"

static int fail(const char *what, const store_error_t *error) {
    fprintf(stderr, "%s: %s: %s (field: %s)\n", what, store_status_name(error->code),
            error->message, error->field);
    return 1;
}

/* Ids in the library's compact JSON: the first "id":"<24 hex>". */
static int json_id(const char *json, char id[25]) {
    const char *start = strstr(json, "\"id\":\"");
    if (start == NULL || strlen(start + 6) < 24) {
        return -1;
    }
    memcpy(id, start + 6, 24);
    id[24] = '\0';
    return 0;
}

/* Creates an account unless it exists; admins are made by the operator, never over the API. */
static store_status_t ensure_account(store_t *store, const char *username, int admin,
                                     store_error_t *error) {
    char user_json[256];
    snprintf(user_json, sizeof user_json,
             "{\"username\": \"%s\", \"email\": \"%s@example.com\", \"password\": \"" PASSWORD
             "\"}",
             username, username);
    char *user = NULL;
    store_status_t status = admin ? store_create_admin(&user, store, user_json, error)
                                  : store_register(&user, store, user_json, error);
    store_free(user);
    return status == STORE_ECONFLICT ? STORE_OK : status;
}

static store_session_t *login(store_t *store, const char *username, store_error_t *error) {
    char credentials[128];
    snprintf(credentials, sizeof credentials,
             "{\"username\": \"%s\", \"password\": \"" PASSWORD "\"}", username);
    store_session_t *session = NULL;
    store_session_login(&session, store, credentials, error);
    return session;
}

int main(void) {
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = getenv("MONGODB_URI");
    options.token_secret = getenv("LIBSTORE_SECRET");
    options.database = getenv("LIBSTORE_DB") != NULL ? getenv("LIBSTORE_DB") : "shop";
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        return fail("store_open", &error);
    }
    int result = 1;
    store_session_t *owner = NULL, *ada = NULL;
    char *product = NULL, *cart = NULL, *order = NULL, *again = NULL;
    char product_id[25];
    char item[128];
    char key[64];
    int created = 0;

    if (ensure_account(store, "owner", 1, &error) != STORE_OK ||
        ensure_account(store, "ada", 0, &error) != STORE_OK) {
        result = fail("creating the accounts", &error);
        goto done;
    }
    if ((owner = login(store, "owner", &error)) == NULL ||
        (ada = login(store, "ada", &error)) == NULL) {
        result = fail("store_session_login", &error);
        goto done;
    }

    /* Prices are JSON numbers with at most two decimals, kept as integer cents inside. */
    if (store_product_create(&product, owner,
                             "{\"name\": \"Fountain pen\", \"price\": 19.99, \"stock\": 5,"
                             " \"attributes\": {\"colour\": \"blue\"}}",
                             &error) != STORE_OK ||
        json_id(product, product_id) != 0) {
        result = fail("store_product_create", &error);
        goto done;
    }

    /* Adding more than the stock, or a hidden product, is refused here already. */
    snprintf(item, sizeof item, "{\"product_id\": \"%s\", \"quantity\": 3}", product_id);
    if (store_cart_add_item(&cart, ada, item, &error) != STORE_OK) {
        result = fail("store_cart_add_item", &error);
        goto done;
    }
    printf("cart: %s\n", cart); /* total_price 59.97, exactly */

    /* Stock of every line is taken, or none is (STORE_ECONFLICT naming the product). A retry
     * with the same idempotency key returns the same order and takes nothing twice. */
    snprintf(key, sizeof key, "checkout-%s", product_id);
    if (store_order_place(&order, &created, ada, key, &error) != STORE_OK) {
        result = fail("store_order_place", &error);
        goto done;
    }
    printf("order: %s\n", order);
    if (store_order_place(&again, &created, ada, key, &error) != STORE_OK) {
        result = fail("store_order_place (retry)", &error);
        goto done;
    }
    printf("retry with the same key: %s order\n", created ? "a new" : "the same");
    result = 0;

done:
    /* store_free() and the *_free() functions accept NULL, so one exit path frees all. */
    store_free(again);
    store_free(order);
    store_free(cart);
    store_free(product);
    store_session_free(ada);
    store_session_free(owner);
    store_close(store);
    return result;
}
