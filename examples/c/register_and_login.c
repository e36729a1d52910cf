/* register_and_login: create a client account, log in, and read the profile.
 *
 *   MONGODB_URI=... LIBSTORE_SECRET=... ./register_and_login
 *
 * Inputs and results are JSON text; results are freed with store_free(). */
#include <libstore/store.h>

#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, const store_error_t *error) {
    fprintf(stderr, "%s: %s: %s (field: %s)\n", what, store_status_name(error->code),
            error->message, error->field);
    return 1;
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

    /* The library validates every field and names the one at fault. Running the example twice
     * finds the account taken: STORE_ECONFLICT, which is fine here. */
    char *user = NULL;
    store_status_t status =
        store_register(&user, store,
                       "{\"username\": \"grace\", \"email\": \"grace@example.com\","
                       " \"password\": \"correct horse battery\", \"name\": \"Grace Hopper\"}",
                       &error);
    if (status == STORE_OK) {
        printf("registered: %s\n", user);
        store_free(user);
    } else if (status != STORE_ECONFLICT) {
        store_close(store);
        return fail("store_register", &error);
    }

    /* A web host hands the token to its client ({"access_token", "token_type", "expires_in"})
     * and turns it back into a session on each request with store_session_open()... */
    const char *credentials = "{\"username\": \"grace\", \"password\": \"correct horse battery\"}";
    char *token = NULL;
    if (store_login(&token, store, credentials, &error) != STORE_OK) {
        store_close(store);
        return fail("store_login", &error);
    }
    printf("token: %.60s...\n", token);
    store_free(token);

    /* ...while a C program that acts as the user can log in to a session directly. A session is
     * used by one thread at a time and re-checks its token on every call. */
    store_session_t *grace = NULL;
    if (store_session_login(&grace, store, credentials, &error) != STORE_OK) {
        store_close(store);
        return fail("store_session_login", &error);
    }
    char *me = NULL;
    status = store_session_me(&me, grace, &error);
    if (status == STORE_OK) {
        printf("me: %s\n", me); /* never contains the password or its hash */
        store_free(me);
    }

    /* Logging out revokes the token; freeing the handle does not. */
    store_session_logout(grace, NULL);
    store_session_free(grace);
    store_close(store);
    return status == STORE_OK ? 0 : fail("store_session_me", &error);
}
