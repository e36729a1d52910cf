/* list_products: page through the public catalog, cheapest first.
 *
 *   MONGODB_URI=... LIBSTORE_SECRET=... ./list_products [search text]
 *
 * Lists take a query object whose values may be strings, as they come from a URL, and answer
 * {"items": [...], "next_cursor": "..." or null}; the cursor fetches the next page. */
#include <libstore/store.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies the string value of `"key":"` out of the library's compact JSON. Enough for opaque
 * cursors and ids in an example; a real program would use its JSON library of choice. */
static int json_string(const char *json, const char *key, char *out, size_t size) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(json, pattern);
    if (start == NULL) {
        return -1;
    }
    start += strlen(pattern);
    size_t length = strcspn(start, "\"");
    if (length >= size) {
        return -1;
    }
    memcpy(out, start, length);
    out[length] = '\0';
    return 0;
}

int main(int argc, char **argv) {
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = getenv("MONGODB_URI");
    options.token_secret = getenv("LIBSTORE_SECRET");
    options.database = getenv("LIBSTORE_DB") != NULL ? getenv("LIBSTORE_DB") : "shop";
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store_open: %s\n", error.message);
        return 1;
    }

    /* The search text goes into the query as a JSON string: keep it to plain characters here
     * (a real program escapes it with its JSON library). The library treats it as plain text,
     * never as a pattern. */
    char search[128] = "";
    if (argc > 1) {
        snprintf(search, sizeof search, ", \"q\": \"%s\"", argv[1]);
    }
    char cursor[256] = "";
    int status = 0;
    for (int page = 1;; ++page) {
        char query[512];
        if (cursor[0] == '\0') {
            snprintf(query, sizeof query, "{\"sort\": \"price\", \"limit\": 10%s}", search);
        } else {
            snprintf(query, sizeof query,
                     "{\"sort\": \"price\", \"limit\": 10%s, \"cursor\": \"%s\"}", search, cursor);
        }
        /* NULL session: an anonymous shopper, who never sees hidden (sold-out) products. */
        char *json = NULL;
        if (store_products_list(&json, store, NULL, query, &error) != STORE_OK) {
            fprintf(stderr, "store_products_list: %s (field: %s)\n", error.message, error.field);
            status = 1;
            break;
        }
        printf("page %d: %s\n", page, json);
        int more = json_string(json, "next_cursor", cursor, sizeof cursor) == 0;
        store_free(json);
        if (!more) { /* "next_cursor": null on the last page */
            break;
        }
    }
    store_close(store);
    return status;
}
