/* Refresh tokens, password reset, email verification and the mail hook through the C ABI. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

#define MAILBOX_CAPACITY 8

/* What the mail hook was handed, copied (the message is valid only during the call). */
typedef struct mailbox {
    int count;
    char messages[MAILBOX_CAPACITY][1024];
} mailbox_t;

static void capture_mail(void *user_data, const char *message_json) {
    mailbox_t *mailbox = user_data;
    if (mailbox->count < MAILBOX_CAPACITY) {
        snprintf(mailbox->messages[mailbox->count], sizeof mailbox->messages[0], "%s",
                 message_json);
    }
    ++mailbox->count;
}

typedef struct fixture {
    store_t *store;
    mailbox_t mailbox;
} fixture_t;

static int open_store_with_mailbox(void **state) {
    if (!test_database_reset(capi_test_database)) {
        return -1;
    }
    fixture_t *fixture = calloc(1, sizeof *fixture);
    if (fixture == NULL) {
        return -1;
    }
    store_options_t options = capi_test_options();
    options.mail_callback = capture_mail;
    options.mail_user_data = &fixture->mailbox;
    store_error_t error;
    if (store_open(&fixture->store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store_open: %s (%s)\n", error.message, error.field);
        free(fixture);
        return -1;
    }
    *state = fixture;
    return 0;
}

static int close_store_with_mailbox(void **state) {
    fixture_t *fixture = *state;
    store_close(fixture->store);
    free(fixture);
    *state = NULL;
    return 0;
}

/* store_login() for `username` with CAPI_TEST_PASSWORD: the token JSON (store_free it). */
static char *login_tokens(store_t *store, const char *username) {
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             CAPI_TEST_PASSWORD);
    char *tokens = NULL;
    store_error_t error;
    assert_int_equal(store_login(&tokens, store, body, &error), STORE_OK);
    return tokens;
}

static store_status_t refresh_with(store_t *store, const char *tokens_json, char **out) {
    char token[128];
    capi_json_string(tokens_json, "refresh_token", token, sizeof token);
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", token);
    store_error_t error;
    return store_refresh(out, store, body, &error);
}

static store_status_t me_with(store_t *store, const char *tokens_json) {
    char access[1024];
    capi_json_string(tokens_json, "access_token", access, sizeof access);
    store_session_t *session = NULL;
    store_error_t error;
    store_status_t status = store_session_open(&session, store, access, &error);
    if (status == STORE_OK) {
        char *me = NULL;
        status = store_session_me(&me, session, &error);
        store_free(me);
    }
    store_session_free(session);
    return status;
}

static void login_returns_a_refresh_token(void **state) {
    fixture_t *fixture = *state;
    capi_create_user(fixture->store, "ada", 0, NULL);
    char *tokens = login_tokens(fixture->store, "ada");
    assert_non_null(strstr(tokens, "\"refresh_token\":\""));
    assert_non_null(strstr(tokens, "\"refresh_expires_in\":2592000"));
    store_free(tokens);
}

static void refresh_rotates_and_reuse_ends_the_family(void **state) {
    fixture_t *fixture = *state;
    capi_create_user(fixture->store, "ada", 0, NULL);
    char *first = login_tokens(fixture->store, "ada");
    char *second = NULL;
    assert_int_equal(refresh_with(fixture->store, first, &second), STORE_OK);
    assert_int_equal(me_with(fixture->store, second), STORE_OK);
    char *again = (char *)(uintptr_t)1;
    assert_int_equal(refresh_with(fixture->store, first, &again), STORE_EUNAUTHENTICATED);
    assert_null(again);
    char *third = NULL;
    assert_int_equal(refresh_with(fixture->store, second, &third), STORE_EUNAUTHENTICATED);
    assert_int_equal(me_with(fixture->store, second), STORE_EUNAUTHENTICATED);
    store_free(first);
    store_free(second);
}

static void refresh_rejects_bad_bodies(void **state) {
    fixture_t *fixture = *state;
    char *tokens = NULL;
    store_error_t error;
    assert_int_equal(store_refresh(&tokens, fixture->store, "{\"refresh_token\":5}", &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "refresh_token");
    assert_int_equal(store_refresh(&tokens, fixture->store, "{}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "refresh_token");
    assert_int_equal(
        store_refresh(&tokens, fixture->store, "{\"refresh_token\":\"x\",\"a\":1}", &error),
        STORE_EINVAL);
    assert_string_equal(error.field, "a");
    assert_int_equal(store_refresh(&tokens, fixture->store, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "body_json");
    assert_int_equal(store_refresh(NULL, fixture->store, "{}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_token_json");
    assert_int_equal(store_refresh(&tokens, NULL, "{}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "store");
    assert_int_equal(store_refresh(&tokens, fixture->store, "{\"refresh_token\":\"nope\"}", &error),
                     STORE_EUNAUTHENTICATED);
    assert_null(tokens);
}

static void logout_ends_the_refresh_tokens_of_the_login(void **state) {
    fixture_t *fixture = *state;
    capi_create_user(fixture->store, "ada", 0, NULL);
    char *tokens = login_tokens(fixture->store, "ada");
    char access[1024];
    capi_json_string(tokens, "access_token", access, sizeof access);
    store_session_t *session = NULL;
    store_error_t error;
    assert_int_equal(store_session_open(&session, fixture->store, access, &error), STORE_OK);
    assert_int_equal(store_session_logout(session, &error), STORE_OK);
    store_session_free(session);
    char *renewed = NULL;
    assert_int_equal(refresh_with(fixture->store, tokens, &renewed), STORE_EUNAUTHENTICATED);
    store_free(tokens);
}

/* The "token" of the mailbox's message `index`, checking its kind and address. */
static void mailed_token(const mailbox_t *mailbox, int index, const char *kind, char *out,
                         size_t size) {
    assert_true(mailbox->count > index);
    const char *message = mailbox->messages[index];
    char text[128];
    capi_json_string(message, "kind", text, sizeof text);
    assert_string_equal(text, kind);
    capi_json_string(message, "to", text, sizeof text);
    assert_string_equal(text, "ada@example.com");
    capi_json_string(message, "created_at", text, sizeof text);
    assert_int_equal(text[strlen(text) - 1], 'Z');
    capi_json_string(message, "token", out, size);
}

static void password_reset_through_the_mail_hook(void **state) {
    fixture_t *fixture = *state;
    capi_create_user(fixture->store, "ada", 0, NULL);
    char *before = login_tokens(fixture->store, "ada");
    store_error_t error;
    assert_int_equal(
        store_password_reset_request(fixture->store, "{\"email\":\"nobody@example.com\"}", &error),
        STORE_OK);
    assert_int_equal(fixture->mailbox.count, 0);
    assert_int_equal(
        store_password_reset_request(fixture->store, "{\"email\":\"ADA@example.com\"}", &error),
        STORE_OK);
    assert_int_equal(fixture->mailbox.count, 1);
    char token[128];
    mailed_token(&fixture->mailbox, 0, "password_reset", token, sizeof token);

    char body[512];
    snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"short\"}", token);
    assert_int_equal(store_password_reset_confirm(fixture->store, body, &error), STORE_EINVAL);
    assert_string_equal(error.field, "password");
    snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"brand-new-pass\"}", token);
    assert_int_equal(store_password_reset_confirm(fixture->store, body, &error), STORE_OK);
    assert_int_equal(store_password_reset_confirm(fixture->store, body, &error), STORE_EINVAL);
    assert_string_equal(error.field, "token");
    assert_int_equal(me_with(fixture->store, before), STORE_EUNAUTHENTICATED);
    char *renewed = NULL;
    assert_int_equal(refresh_with(fixture->store, before, &renewed), STORE_EUNAUTHENTICATED);
    char *tokens = NULL;
    assert_int_equal(store_login(&tokens, fixture->store,
                                 "{\"username\":\"ada\",\"password\":\"brand-new-pass\"}", &error),
                     STORE_OK);
    store_free(tokens);
    store_free(before);
}

static void email_verification_through_the_mail_hook(void **state) {
    fixture_t *fixture = *state;
    capi_create_user(fixture->store, "ada", 0, NULL);
    store_session_t *session = capi_login(fixture->store, "ada");
    store_error_t error;
    assert_int_equal(store_session_request_email_verification(session, &error), STORE_OK);
    char token[128];
    mailed_token(&fixture->mailbox, 0, "verify_email", token, sizeof token);
    char body[256];
    snprintf(body, sizeof body, "{\"token\":\"%s\"}", token);
    char *user = NULL;
    assert_int_equal(store_verify_email(&user, fixture->store, body, &error), STORE_OK);
    assert_non_null(strstr(user, "\"email_verified\":true"));
    store_free(user);
    user = (char *)(uintptr_t)1;
    assert_int_equal(store_verify_email(&user, fixture->store, body, &error), STORE_EINVAL);
    assert_string_equal(error.field, "token");
    assert_null(user);
    assert_int_equal(
        store_session_update_me(&user, session, "{\"email\":\"ada@elsewhere.org\"}", &error),
        STORE_OK);
    assert_non_null(strstr(user, "\"email_verified\":false"));
    store_free(user);
    assert_int_equal(store_session_request_email_verification(NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "session");
    store_session_free(session);
}

/* A version-2 caller's struct ends before the version-3 fields: whatever lies there is never
 * read, and the defaults apply. */
static void version_2_options_read_the_new_fields_as_defaults(void **state) {
    (void)state;
    assert_true(test_database_reset(capi_test_database));
    mailbox_t mailbox = {0};
    store_options_t options = capi_test_options();
    options.version = 2;
    options.refresh_token_lifetime_seconds = -1;
    options.mail_callback = capture_mail;
    options.mail_user_data = &mailbox;
    store_t *store = NULL;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_OK);
    capi_create_user(store, "ada", 0, NULL);
    char *tokens = login_tokens(store, "ada");
    assert_non_null(strstr(tokens, "\"refresh_expires_in\":2592000"));
    store_free(tokens);
    assert_int_equal(store_password_reset_request(store, "{\"email\":\"ada@example.com\"}", &error),
                     STORE_OK);
    assert_int_equal(mailbox.count, 0);
    store_close(store);
}

static void refresh_lifetime_is_validated(void **state) {
    (void)state;
    store_options_t options = capi_test_options();
    options.refresh_token_lifetime_seconds = 0;
    store_t *store = (store_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_open(&store, &options, &error), STORE_EINVAL);
    assert_string_equal(error.field, "refresh_token_lifetime_seconds");
    assert_null(store);
}

static void defaults_name_the_new_fields(void **state) {
    (void)state;
    store_options_t options;
    store_options_init(&options);
    assert_int_equal(options.version, STORE_OPTIONS_VERSION);
    assert_int_equal(options.refresh_token_lifetime_seconds, 2592000);
    assert_null(options.mail_callback);
    assert_null(options.mail_user_data);
}

#define MAIL_TEST(name) \
    cmocka_unit_test_setup_teardown(name, open_store_with_mailbox, close_store_with_mailbox)

int main(void) {
    const struct CMUnitTest tests[] = {
        MAIL_TEST(login_returns_a_refresh_token),
        MAIL_TEST(refresh_rotates_and_reuse_ends_the_family),
        MAIL_TEST(refresh_rejects_bad_bodies),
        MAIL_TEST(logout_ends_the_refresh_tokens_of_the_login),
        MAIL_TEST(password_reset_through_the_mail_hook),
        MAIL_TEST(email_verification_through_the_mail_hook),
        cmocka_unit_test(version_2_options_read_the_new_fields_as_defaults),
        cmocka_unit_test(refresh_lifetime_is_validated),
        cmocka_unit_test(defaults_name_the_new_fields),
    };
    return cmocka_run_group_tests_name("tokens", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
