#include "libstore/webhooks.h"

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

store_status_t store_webhook_create(char **out_json, store_session_t *session,
                                    const char *webhook_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &webhooks = core_of(session).webhooks();
        *out_json = json::serialize_for_caller(
            webhooks.create(session->session, json::parse_object(webhook_json, "webhook_json")));
    });
}

store_status_t store_webhooks_list(char **out_page_json, store_session_t *session,
                                   const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &webhooks = core_of(session).webhooks();
        *out_page_json = json::serialize_for_caller(
            webhooks.list(session->session, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_webhook_get(char **out_json, store_session_t *session, const char *webhook_id,
                                 store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &webhooks = core_of(session).webhooks();
        require_argument(webhook_id, "webhook_id");
        *out_json = json::serialize_for_caller(webhooks.get(session->session, webhook_id));
    });
}

store_status_t store_webhook_update(char **out_json, store_session_t *session,
                                    const char *webhook_id, const char *changes_json,
                                    store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &webhooks = core_of(session).webhooks();
        require_argument(webhook_id, "webhook_id");
        *out_json = json::serialize_for_caller(webhooks.update(
            session->session, webhook_id, json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_webhook_delete(store_session_t *session, const char *webhook_id,
                                    store_error_t *error) {
    return guard(error, [&] {
        auto &webhooks = core_of(session).webhooks();
        require_argument(webhook_id, "webhook_id");
        webhooks.remove(session->session, webhook_id);
    });
}

store_status_t store_webhook_deliveries(char **out_page_json, store_session_t *session,
                                        const char *webhook_id, const char *query_json,
                                        store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &webhooks = core_of(session).webhooks();
        require_argument(webhook_id, "webhook_id");
        *out_page_json = json::serialize_for_caller(webhooks.deliveries(
            session->session, webhook_id, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_deliver(char **out_report_json, store_t *store, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_report_json, "out_report_json");
        require_argument(store, "store");
        *out_report_json = json::serialize_for_caller(core_of(store).deliverer().sweep());
    });
}

}  // extern "C"
