#include "libstore/cart.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::guard;
using libstore::capi::optional_text;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

namespace {

libstore::Store &session_store(store_session_t *session) {
    require_argument(session, "session");
    return *session->owner->core;
}

libstore::CartService &cart_of(store_session_t *session) {
    require_argument(session, "session");
    return session->owner->core->cart();
}

}  // namespace

extern "C" {

store_status_t store_cart_get(char **out_cart_json, store_session_t *session,
                              store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        *out_cart_json = json::serialize_for_caller(cart_of(session).view(session->session));
    });
}

store_status_t store_cart_add_item(char **out_cart_json, store_session_t *session,
                                   const char *item_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &cart = cart_of(session);
        *out_cart_json = json::serialize_for_caller(
            cart.add_item(session->session, json::parse_object(item_json, "item_json")));
    });
}

store_status_t store_cart_set_quantity(char **out_cart_json, store_session_t *session,
                                       const char *product_id, const char *quantity_json,
                                       store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &cart = cart_of(session);
        require_argument(product_id, "product_id");
        *out_cart_json = json::serialize_for_caller(
            cart.set_quantity(session->session, product_id, std::nullopt,
                              json::parse_object(quantity_json, "quantity_json")));
    });
}

store_status_t store_cart_set_variant_quantity(char **out_cart_json, store_session_t *session,
                                               const char *product_id, const char *variant_id,
                                               const char *quantity_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &cart = cart_of(session);
        require_argument(product_id, "product_id");
        *out_cart_json = json::serialize_for_caller(
            cart.set_quantity(session->session, product_id, optional_text(variant_id),
                              json::parse_object(quantity_json, "quantity_json")));
    });
}

store_status_t store_cart_remove_item(char **out_cart_json, store_session_t *session,
                                      const char *product_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &cart = cart_of(session);
        require_argument(product_id, "product_id");
        *out_cart_json = json::serialize_for_caller(
            cart.remove_item(session->session, product_id, std::nullopt));
    });
}

store_status_t store_cart_remove_variant(char **out_cart_json, store_session_t *session,
                                         const char *product_id, const char *variant_id,
                                         store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &cart = cart_of(session);
        require_argument(product_id, "product_id");
        *out_cart_json = json::serialize_for_caller(
            cart.remove_item(session->session, product_id, optional_text(variant_id)));
    });
}

store_status_t store_cart_clear(char **out_cart_json, store_session_t *session,
                                store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        *out_cart_json = json::serialize_for_caller(cart_of(session).clear(session->session));
    });
}

store_status_t store_cart_prune(char **out_cart_json, store_session_t *session,
                                store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        *out_cart_json = json::serialize_for_caller(cart_of(session).prune(session->session));
    });
}

store_status_t store_cart_set_voucher(char **out_cart_json, store_session_t *session,
                                      const char *code, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &vouchers = session_store(session).vouchers();
        require_argument(code, "code");
        libstore::Value body = libstore::Value::object();
        body.set("code", std::string(code));
        *out_cart_json = json::serialize_for_caller(vouchers.apply_to_cart(session->session, body));
    });
}

store_status_t store_cart_set_voucher_json(char **out_cart_json, store_session_t *session,
                                           const char *voucher_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &vouchers = session_store(session).vouchers();
        *out_cart_json = json::serialize_for_caller(vouchers.apply_to_cart(
            session->session, json::parse_object(voucher_json, "voucher_json")));
    });
}

store_status_t store_cart_remove_voucher(char **out_cart_json, store_session_t *session,
                                         store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_cart_json, "out_cart_json");
        auto &vouchers = session_store(session).vouchers();
        *out_cart_json = json::serialize_for_caller(vouchers.remove_from_cart(session->session));
    });
}

}  // extern "C"
