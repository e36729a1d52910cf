#include "libstore/guest_carts.h"

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

store_status_t store_guest_cart_create(char **out_json, store_t *store, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        *out_json = json::serialize_for_caller(core_of(store).guest_carts().create());
    });
}

store_status_t store_guest_session_open(store_session_t **out_session, store_t *store,
                                        const char *cart_token, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_session, "out_session");
        auto &guest_carts = core_of(store).guest_carts();
        require_argument(cart_token, "cart_token");
        *out_session = new_session_handle(store, guest_carts.open_session(cart_token));
    });
}

store_status_t store_cart_merge(char **out_cart_json, store_session_t *session,
                                const char *cart_token, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        require_argument(session, "session");
        require_argument(cart_token, "cart_token");
        *out_cart_json = json::serialize_for_caller(
            core_of(session).guest_carts().merge(session->session, cart_token));
    });
}

store_status_t store_cart_merge_json(char **out_cart_json, store_session_t *session,
                                     const char *body_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &guest_carts = core_of(session).guest_carts();
        *out_cart_json = json::serialize_for_caller(
            guest_carts.merge_body(session->session, json::parse_object(body_json, "body_json")));
    });
}

}  // extern "C"
