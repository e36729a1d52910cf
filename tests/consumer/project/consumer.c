/* A minimal program using the installed libstore: proves the headers, the library and its
 * dependencies resolve for a consumer outside the source tree. */
#include <libstore/store.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    if (strcmp(store_version(), STORE_VERSION_STRING) != 0) {
        fprintf(stderr, "runtime %s != headers %s\n", store_version(), STORE_VERSION_STRING);
        return 1;
    }
    store_options_t options = STORE_OPTIONS_INIT;
    store_t *store = NULL;
    store_error_t error;
    /* No URI: must fail cleanly, naming the field. */
    if (store_open(&store, &options, &error) != STORE_EINVAL || strcmp(error.field, "uri") != 0) {
        fprintf(stderr, "expected invalid_argument on uri\n");
        return 1;
    }
    printf("libstore %s: %s\n", store_version(), store_status_name(error.code));
    return 0;
}
