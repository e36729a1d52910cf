/* Accounts through the public C ABI: register, login, sessions, profile, administration. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

#define REGISTER_BODY(name)                        \
    "{\"username\":\"" name "\",\"email\":\"" name \
    "@example.com\",\"password\":\"" CAPI_TEST_PASSWORD "\"}"

static void expect_register_fails(store_t *store, const char *body, store_status_t status,
                                  const char *field) {
    char *user = (char *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_register(&user, store, body, &error), status);
    assert_null(user);
    assert_string_equal(error.field, field);
}

static void register_returns_user_without_secrets(void **state) {
    store_t *store = *state;
    char *user = NULL;
    store_error_t error;
    assert_int_equal(store_register(&user, store, REGISTER_BODY("ada"), &error), STORE_OK);
    assert_non_null(strstr(user, "\"username\":\"ada\""));
    assert_non_null(strstr(user, "\"role\":\"client\""));
    assert_non_null(strstr(user, "\"is_active\":true"));
    assert_null(strstr(user, "password"));
    store_free(user);
}

static void register_rejects_bad_input(void **state) {
    store_t *store = *state;
    expect_register_fails(store,
                          "{\"username\":\"ab\",\"email\":\"a@b.co\",\"password\":\"pw-12345\"}",
                          STORE_EINVAL, "username");
    expect_register_fails(store,
                          "{\"username\":\"abc\",\"email\":\"nope\",\"password\":\"pw-12345\"}",
                          STORE_EINVAL, "email");
    expect_register_fails(store,
                          "{\"username\":\"abc\",\"email\":\"a@b.co\",\"password\":\"short\"}",
                          STORE_EINVAL, "password");
    expect_register_fails(store,
                          "{\"username\":\"abc\",\"email\":\"a@b.co\",\"password\":\"pw-12345\","
                          "\"role\":\"admin\"}",
                          STORE_EINVAL, "role");
    expect_register_fails(
        store, "{\"username\":{\"$ne\":null},\"email\":\"a@b.co\",\"password\":\"pw-12345\"}",
        STORE_EINVAL, "username");
    expect_register_fails(store, "not json", STORE_EINVAL, "user_json");
    expect_register_fails(store, "[1,2]", STORE_EINVAL, "user_json");
    expect_register_fails(store, NULL, STORE_EINVAL, "user_json");
    expect_register_fails(
        store, "{\"username\":\"a\\u0000b\",\"email\":\"a@b.co\",\"password\":\"pw-12345\"}",
        STORE_EINVAL, "user_json");
    store_error_t error;
    assert_int_equal(store_register(NULL, store, REGISTER_BODY("abc"), &error), STORE_EINVAL);
    assert_string_equal(error.field, "out_user_json");
    char *user = NULL;
    assert_int_equal(store_register(&user, NULL, REGISTER_BODY("abc"), &error), STORE_EINVAL);
    assert_string_equal(error.field, "store");
}

static void oversized_input_is_too_large(void **state) {
    store_t *store = *state;
    size_t size = 2 * 1024 * 1024;
    char *body = malloc(size);
    assert_non_null(body);
    memset(body, ' ', size - 1);
    body[0] = '{';
    body[size - 2] = '}';
    body[size - 1] = '\0';
    char *user = NULL;
    store_error_t error;
    assert_int_equal(store_register(&user, store, body, &error), STORE_ETOOLARGE);
    free(body);
}

static void duplicate_username_is_conflict(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    expect_register_fails(
        store, "{\"username\":\"ADA\",\"email\":\"x@example.com\",\"password\":\"pw-12345\"}",
        STORE_ECONFLICT, "username");
}

static void login_session_me_logout(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    char *token = NULL;
    store_error_t error;
    assert_int_equal(
        store_login(&token, store, "{\"username\":\"ada\",\"password\":\"" CAPI_TEST_PASSWORD "\"}",
                    &error),
        STORE_OK);
    assert_non_null(strstr(token, "\"token_type\":\"Bearer\""));
    assert_non_null(strstr(token, "\"expires_in\":900"));
    store_free(token);

    store_session_t *session = capi_login(store, "ada");
    char *me = NULL;
    assert_int_equal(store_session_me(&me, session, &error), STORE_OK);
    assert_non_null(strstr(me, "\"username\":\"ada\""));
    store_free(me);
    assert_int_equal(store_session_logout(session, &error), STORE_OK);
    assert_int_equal(store_session_me(&me, session, &error), STORE_EUNAUTHENTICATED);
    assert_null(me);
    store_session_free(session);
}

static void wrong_credentials_then_lockout(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    char *token = NULL;
    store_error_t error;
    for (int i = 0; i < 5; ++i) {
        assert_int_equal(store_login(&token, store,
                                     "{\"username\":\"ada\",\"password\":\"wrong-pass\"}", &error),
                         STORE_EUNAUTHENTICATED);
    }
    assert_int_equal(
        store_login(&token, store, "{\"username\":\"ada\",\"password\":\"" CAPI_TEST_PASSWORD "\"}",
                    &error),
        STORE_ERATELIMITED);
    assert_true(error.retry_after_seconds > 0);
    assert_null(token);
}

static void bad_tokens_are_unauthenticated(void **state) {
    store_t *store = *state;
    store_session_t *session = (store_session_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(store_session_open(&session, store, "garbage", &error),
                     STORE_EUNAUTHENTICATED);
    assert_null(session);
    /* alg "none", admin role claimed. */
    assert_int_equal(
        store_session_open(&session, store,
                           "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                           "eyJzdWIiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1NjciLCJyb2xlIjoiYWRtaW4ifQ.",
                           &error),
        STORE_EUNAUTHENTICATED);
    assert_int_equal(store_session_open(&session, store, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_session_logout(NULL, &error), STORE_EINVAL);
    store_session_free(NULL);
}

static void admin_deactivates_and_activates(void **state) {
    store_t *store = *state;
    capi_create_user(store, "root", 1, NULL);
    char *ada_json = NULL;
    capi_create_user(store, "ada", 0, &ada_json);
    char ada_id[32];
    capi_json_string(ada_json, "id", ada_id, sizeof ada_id);
    store_free(ada_json);

    store_session_t *admin = capi_login(store, "root");
    store_session_t *ada = capi_login(store, "ada");
    char *result = NULL;
    store_error_t error;
    assert_int_equal(store_users_list(&result, ada, NULL, &error), STORE_EFORBIDDEN);
    assert_int_equal(store_users_list(&result, admin, "{\"role\":\"client\"}", &error), STORE_OK);
    assert_non_null(strstr(result, "\"next_cursor\":null"));
    assert_non_null(strstr(result, "\"username\":\"ada\""));
    store_free(result);

    assert_int_equal(store_user_deactivate(&result, admin, ada_id, &error), STORE_OK);
    assert_non_null(strstr(result, "\"is_active\":false"));
    store_free(result);
    assert_int_equal(store_session_me(&result, ada, &error), STORE_EFORBIDDEN);
    assert_int_equal(store_user_deactivate(&result, admin, "nonsense", &error), STORE_ENOTFOUND);
    assert_int_equal(store_user_activate(&result, admin, ada_id, &error), STORE_OK);
    store_free(result);
    store_session_free(ada);
    store_session_free(admin);
}

static void update_and_delete_me(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    store_session_t *ada = capi_login(store, "ada");
    char *result = NULL;
    store_error_t error;
    assert_int_equal(store_session_update_me(&result, ada, "{\"name\":\"Ada Lovelace\"}", &error),
                     STORE_OK);
    assert_non_null(strstr(result, "\"name\":\"Ada Lovelace\""));
    store_free(result);
    assert_int_equal(store_session_update_me(&result, ada, "{\"is_active\":false}", &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "is_active");
    assert_int_equal(store_session_delete_me(ada, &error), STORE_OK);
    assert_int_equal(store_session_me(&result, ada, &error), STORE_EUNAUTHENTICATED);
    store_session_free(ada);
}

static void session_login_in_one_call(void **state) {
    store_t *store = *state;
    capi_create_user(store, "ada", 0, NULL);
    store_session_t *session = (store_session_t *)(uintptr_t)1;
    store_error_t error;
    assert_int_equal(
        store_session_login(&session, store, "{\"username\":\"ada\",\"password\":\"wrong-pass\"}",
                            &error),
        STORE_EUNAUTHENTICATED);
    assert_null(session);
    assert_int_equal(
        store_session_login(
            &session, store,
            "{\"email\":\"ADA@example.com\",\"password\":\"" CAPI_TEST_PASSWORD "\"}", &error),
        STORE_OK);
    char *me = NULL;
    assert_int_equal(store_session_me(&me, session, &error), STORE_OK);
    assert_non_null(strstr(me, "\"username\":\"ada\""));
    store_free(me);
    store_session_free(session);
}

static void roles_permissions_and_the_audit_log(void **state) {
    store_t *store = *state;
    capi_create_user(store, "root", 1, NULL);
    char *ada_json = NULL;
    capi_create_user(store, "ada", 0, &ada_json);
    char ada_id[32];
    capi_json_string(ada_json, "id", ada_id, sizeof ada_id);
    store_free(ada_json);
    store_session_t *admin = capi_login(store, "root");
    store_session_t *ada = capi_login(store, "ada");
    char *result = (char *)(uintptr_t)1;
    store_error_t error;

    assert_int_equal(store_user_set_role(&result, ada, ada_id, "{\"role\":\"admin\"}", &error),
                     STORE_EFORBIDDEN);
    assert_null(result);
    assert_int_equal(store_user_set_role(&result, admin, ada_id,
                                         "{\"role\":\"staff\",\"permissions\":5}", &error),
                     STORE_EINVAL);
    assert_string_equal(error.field, "permissions");
    assert_int_equal(store_user_set_role(&result, admin, ada_id, NULL, &error), STORE_EINVAL);
    assert_string_equal(error.field, "role_json");
    assert_int_equal(store_user_set_role(&result, admin, NULL, "{}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "user_id");
    assert_int_equal(
        store_user_set_role(&result, admin, "nonsense", "{\"role\":\"client\"}", &error),
        STORE_ENOTFOUND);
    assert_int_equal(store_user_set_role(&result, admin, ada_id,
                                         "{\"role\":\"staff\",\"permissions\":"
                                         "[\"view_audit\"]}",
                                         &error),
                     STORE_OK);
    assert_non_null(strstr(result, "\"role\":\"staff\""));
    assert_non_null(strstr(result, "\"permissions\":[\"view_audit\"]"));
    store_free(result);
    /* The old session carried the old role. */
    assert_int_equal(store_audit_list(&result, ada, NULL, &error), STORE_EUNAUTHENTICATED);
    store_session_free(ada);
    ada = capi_login(store, "ada");
    assert_int_equal(store_audit_list(&result, ada, "{\"action\":\"user.role\"}", &error),
                     STORE_OK);
    assert_non_null(strstr(result, "\"summary\":\"client -> staff [view_audit]\""));
    assert_non_null(strstr(result, "\"next_cursor\":null"));
    store_free(result);
    assert_int_equal(store_audit_list(&result, ada, "{\"limit\":0}", &error), STORE_EINVAL);
    assert_string_equal(error.field, "limit");
    assert_int_equal(store_audit_list(&result, NULL, NULL, &error), STORE_EINVAL);
    assert_int_equal(store_users_list(&result, ada, NULL, &error), STORE_EFORBIDDEN);
    store_session_free(ada);
    store_session_free(admin);
}

#define STORE_TEST(name) \
    cmocka_unit_test_setup_teardown(name, capi_fixture_open_store, capi_fixture_close_store)

int main(void) {
    const struct CMUnitTest tests[] = {
        STORE_TEST(register_returns_user_without_secrets),
        STORE_TEST(register_rejects_bad_input),
        STORE_TEST(oversized_input_is_too_large),
        STORE_TEST(duplicate_username_is_conflict),
        STORE_TEST(login_session_me_logout),
        STORE_TEST(wrong_credentials_then_lockout),
        STORE_TEST(bad_tokens_are_unauthenticated),
        STORE_TEST(admin_deactivates_and_activates),
        STORE_TEST(update_and_delete_me),
        STORE_TEST(session_login_in_one_call),
        STORE_TEST(roles_permissions_and_the_audit_log),
    };
    return cmocka_run_group_tests_name("accounts", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
