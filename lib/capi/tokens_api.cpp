// The C ABI of refresh tokens, password reset and email verification (declared in accounts.h).
#include "libstore/accounts.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::reset_out;
namespace json = libstore::json;

extern "C" {

store_status_t store_refresh(char **out_token_json, store_t *store, const char *body_json,
                             store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_token_json, "out_token_json");
        auto &accounts = core_of(store).accounts();
        *out_token_json = json::serialize_for_caller(
            accounts.refresh(json::parse_object(body_json, "body_json")));
    });
}

store_status_t store_password_reset_request(store_t *store, const char *body_json,
                                            store_error_t *error) {
    return guard(error, [&] {
        auto &accounts = core_of(store).accounts();
        accounts.request_password_reset(json::parse_object(body_json, "body_json"));
    });
}

store_status_t store_password_reset_confirm(store_t *store, const char *body_json,
                                            store_error_t *error) {
    return guard(error, [&] {
        auto &accounts = core_of(store).accounts();
        accounts.reset_password(json::parse_object(body_json, "body_json"));
    });
}

store_status_t store_session_request_email_verification(store_session_t *session,
                                                        store_error_t *error) {
    return guard(error,
                 [&] { core_of(session).accounts().request_email_verification(session->session); });
}

store_status_t store_verify_email(char **out_user_json, store_t *store, const char *body_json,
                                  store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_user_json, "out_user_json");
        auto &accounts = core_of(store).accounts();
        *out_user_json = json::serialize_for_caller(
            accounts.verify_email(json::parse_object(body_json, "body_json")));
    });
}

}  // extern "C"
