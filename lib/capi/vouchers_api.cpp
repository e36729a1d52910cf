#include "libstore/vouchers.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

extern "C" {

store_status_t store_voucher_create(char **out_json, store_session_t *session,
                                    const char *voucher_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &vouchers = core_of(session).vouchers();
        *out_json = json::serialize_for_caller(
            vouchers.create(session->session, json::parse_object(voucher_json, "voucher_json")));
    });
}

store_status_t store_voucher_list(char **out_page_json, store_session_t *session,
                                  const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &vouchers = core_of(session).vouchers();
        *out_page_json = json::serialize_for_caller(
            vouchers.list(session->session, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_voucher_get(char **out_json, store_session_t *session, const char *voucher_id,
                                 store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &vouchers = core_of(session).vouchers();
        require_argument(voucher_id, "voucher_id");
        *out_json = json::serialize_for_caller(vouchers.get(session->session, voucher_id));
    });
}

store_status_t store_voucher_update(char **out_json, store_session_t *session,
                                    const char *voucher_id, const char *changes_json,
                                    store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &vouchers = core_of(session).vouchers();
        require_argument(voucher_id, "voucher_id");
        *out_json = json::serialize_for_caller(vouchers.update(
            session->session, voucher_id, json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_voucher_delete(store_session_t *session, const char *voucher_id,
                                    store_error_t *error) {
    return guard(error, [&] {
        auto &vouchers = core_of(session).vouchers();
        require_argument(voucher_id, "voucher_id");
        vouchers.remove(session->session, voucher_id);
    });
}

}  // extern "C"
