#include "libstore/accounts.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::new_session_handle;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

extern "C" {

store_status_t store_register(char **out_user_json, store_t *store, const char *user_json,
                              store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(store).accounts();
        *out_user_json = json::serialize_for_caller(
            accounts.register_user(json::parse_object(user_json, "user_json")));
    });
}

store_status_t store_create_admin(char **out_user_json, store_t *store, const char *user_json,
                                  store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(store).accounts();
        *out_user_json = json::serialize_for_caller(
            accounts.create_admin(json::parse_object(user_json, "user_json")));
    });
}

store_status_t store_login(char **out_token_json, store_t *store, const char *credentials_json,
                           store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_token_json, "out_token_json");
        auto &guest_carts = core_of(store).guest_carts();
        *out_token_json = json::serialize_for_caller(
            guest_carts.login(json::parse_object(credentials_json, "credentials_json")));
    });
}

store_status_t store_session_open(store_session_t **out_session, store_t *store,
                                  const char *access_token, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_session, "out_session");
        auto &accounts = core_of(store).accounts();
        require_argument(access_token, "access_token");
        *out_session = new_session_handle(store, accounts.open_session(access_token));
    });
}

store_status_t store_session_login(store_session_t **out_session, store_t *store,
                                   const char *credentials_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_session, "out_session");
        auto &accounts = core_of(store).accounts();
        libstore::Value token = core_of(store).guest_carts().login(
            json::parse_object(credentials_json, "credentials_json"));
        *out_session = new_session_handle(
            store, accounts.open_session(token.find("access_token")->as_string()));
    });
}

void store_session_free(store_session_t *session) {
    delete session;
}

store_status_t store_session_logout(store_session_t *session, store_error_t *error) {
    return guard(error, [&] { core_of(session).accounts().logout(session->session); });
}

store_status_t store_session_me(char **out_user_json, store_session_t *session,
                                store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        *out_user_json =
            json::serialize_for_caller(core_of(session).accounts().me(session->session));
    });
}

store_status_t store_session_update_me(char **out_user_json, store_session_t *session,
                                       const char *changes_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(session).accounts();
        *out_user_json = json::serialize_for_caller(
            accounts.update_me(session->session, json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_session_delete_me(store_session_t *session, store_error_t *error) {
    return guard(error, [&] { core_of(session).accounts().delete_me(session->session); });
}

store_status_t store_users_list(char **out_page_json, store_session_t *session,
                                const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &accounts = core_of(session).accounts();
        *out_page_json = json::serialize_for_caller(accounts.list_users(
            session->session, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_user_deactivate(char **out_user_json, store_session_t *session,
                                     const char *user_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(session).accounts();
        require_argument(user_id, "user_id");
        *out_user_json =
            json::serialize_for_caller(accounts.set_user_active(session->session, user_id, false));
    });
}

store_status_t store_user_activate(char **out_user_json, store_session_t *session,
                                   const char *user_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(session).accounts();
        require_argument(user_id, "user_id");
        *out_user_json =
            json::serialize_for_caller(accounts.set_user_active(session->session, user_id, true));
    });
}

store_status_t store_user_set_role(char **out_user_json, store_session_t *session,
                                   const char *user_id, const char *role_json,
                                   store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(session).accounts();
        require_argument(user_id, "user_id");
        *out_user_json = json::serialize_for_caller(accounts.set_role(
            session->session, user_id, json::parse_object(role_json, "role_json")));
    });
}

}  // extern "C"
