#include "admin_bootstrap.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int admin_bootstrap(store_t *store, const host_config_t *config) {
    if (config->admin_username == NULL) {
        return 0;
    }
    json_t *user = json_pack("{s:s, s:s, s:s}", "username", config->admin_username, "email",
                             config->admin_email, "password", config->admin_password);
    char *user_json = user != NULL ? json_dumps(user, JSON_COMPACT) : NULL;
    json_decref(user);
    if (user_json == NULL) {
        fputs("LIBSTORE_ADMIN and LIBSTORE_ADMIN_EMAIL must be UTF-8\n", stderr);
        return -1;
    }
    char *created = NULL;
    store_error_t error;
    store_status_t status = store_create_admin(&created, store, user_json, &error);
    free(user_json);
    store_free(created);
    switch (status) {
        case STORE_OK:
            fprintf(stderr, "created admin account '%s'\n", config->admin_username);
            return 0;
        case STORE_ECONFLICT: /* it exists already */
            return 0;
        case STORE_EUNAVAILABLE:
            fprintf(stderr, "database unreachable: admin account '%s' not checked\n",
                    config->admin_username);
            return 0;
        default:
            fprintf(stderr, "LIBSTORE_ADMIN: %s%s%s: %s\n", store_status_name(status),
                    error.field[0] != '\0' ? " in " : "", error.field, error.message);
            return -1;
    }
}
