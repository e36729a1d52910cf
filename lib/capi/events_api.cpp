#include "libstore/events.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::reset_out;
namespace json = libstore::json;

extern "C" {

store_status_t store_events_list(char **out_page_json, store_t *store, const char *query_json,
                                 store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        *out_page_json = json::serialize_for_caller(
            core_of(store).events().list(json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_session_events_list(char **out_page_json, store_session_t *session,
                                         const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        *out_page_json = json::serialize_for_caller(core_of(session).events().list(
            session->session, json::parse_object(query_json, "query_json", true)));
    });
}

}  // extern "C"
