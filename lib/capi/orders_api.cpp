#include "libstore/orders.h"

#include <optional>
#include <string>

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::guard;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

namespace {

libstore::OrderService &orders_of(store_session_t *session) {
    require_argument(session, "session");
    return session->owner->core->orders();
}

}  // namespace

extern "C" {

store_status_t store_order_place(char **out_order_json, int *out_created, store_session_t *session,
                                 const char *idempotency_key, store_error_t *error) {
    return store_order_place_detailed(out_order_json, out_created, nullptr, session,
                                      idempotency_key, error);
}

store_status_t store_order_place_detailed(char **out_order_json, int *out_created,
                                          char **out_error_json, store_session_t *session,
                                          const char *idempotency_key, store_error_t *error) {
    return guard(error, out_error_json, [&] {
        reset_out(out_order_json, "out_order_json");
        auto &orders = orders_of(session);
        std::optional<std::string> key;
        if (idempotency_key != nullptr) {
            key = idempotency_key;
        }
        auto placement = orders.place(session->session, key);
        *out_order_json = json::serialize_for_caller(placement.order);
        if (out_created != nullptr) {
            *out_created = placement.created ? 1 : 0;
        }
    });
}

store_status_t store_orders_list(char **out_page_json, store_session_t *session,
                                 const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &orders = orders_of(session);
        *out_page_json = json::serialize_for_caller(
            orders.list(session->session, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_order_get(char **out_order_json, store_session_t *session,
                               const char *order_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_order_json, "out_order_json");
        auto &orders = orders_of(session);
        require_argument(order_id, "order_id");
        *out_order_json = json::serialize_for_caller(orders.get(session->session, order_id));
    });
}

store_status_t store_order_status(char **out_status_json, store_session_t *session,
                                  const char *order_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_status_json, "out_status_json");
        auto &orders = orders_of(session);
        require_argument(order_id, "order_id");
        *out_status_json = json::serialize_for_caller(orders.status(session->session, order_id));
    });
}

store_status_t store_order_set_status(char **out_order_json, store_session_t *session,
                                      const char *order_id, const char *status_json,
                                      store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_order_json, "out_order_json");
        auto &orders = orders_of(session);
        require_argument(order_id, "order_id");
        *out_order_json = json::serialize_for_caller(orders.change_status(
            session->session, order_id, json::parse_object(status_json, "status_json")));
    });
}

store_status_t store_order_events(char **out_events_json, store_session_t *session,
                                  const char *order_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_events_json, "out_events_json");
        auto &orders = orders_of(session);
        require_argument(order_id, "order_id");
        *out_events_json = json::serialize_for_caller(orders.events(session->session, order_id));
    });
}

store_status_t store_order_cancel(char **out_order_json, store_session_t *session,
                                  const char *order_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_order_json, "out_order_json");
        auto &orders = orders_of(session);
        require_argument(order_id, "order_id");
        *out_order_json = json::serialize_for_caller(orders.cancel(session->session, order_id));
    });
}

store_status_t store_recover(char **out_report_json, store_t *store, store_error_t *error) {
    return guard(error, [&] {
        if (out_report_json != nullptr) {
            *out_report_json = nullptr;
        }
        require_argument(store, "store");
        libstore::Value report = store->core->recover();
        if (out_report_json != nullptr) {
            *out_report_json = json::serialize_for_caller(report);
        }
    });
}

store_status_t store_migrate(char **out_report_json, store_t *store, store_error_t *error) {
    return guard(error, [&] {
        if (out_report_json != nullptr) {
            *out_report_json = nullptr;
        }
        require_argument(store, "store");
        libstore::Value report = store->core->migrate();
        if (out_report_json != nullptr) {
            *out_report_json = json::serialize_for_caller(report);
        }
    });
}

}  // extern "C"
