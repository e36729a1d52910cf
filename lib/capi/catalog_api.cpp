#include "libstore/catalog.h"

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::guard;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

namespace {

libstore::CatalogService &catalog_of(store_t *store) {
    require_argument(store, "store");
    return store->core->catalog();
}

libstore::CatalogService &catalog_of(store_session_t *session) {
    require_argument(session, "session");
    return session->owner->core->catalog();
}

// The caller of a public read: NULL is anonymous. A session of another store would be checked
// against the wrong accounts, so it is refused.
const libstore::Session *optional_caller(store_t *store, store_session_t *session) {
    if (session == nullptr) {
        return nullptr;
    }
    if (session->owner != store) {
        libstore::throw_invalid("session", "session belongs to another store");
    }
    return &session->session;
}

}  // namespace

extern "C" {

store_status_t store_categories_list(char **out_page_json, store_t *store, const char *query_json,
                                     store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &catalog = catalog_of(store);
        *out_page_json = json::serialize_for_caller(
            catalog.list_categories(json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_category_get(char **out_json, store_t *store, const char *category_id,
                                  store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(store);
        require_argument(category_id, "category_id");
        *out_json = json::serialize_for_caller(catalog.get_category(category_id));
    });
}

store_status_t store_category_create(char **out_json, store_session_t *session,
                                     const char *category_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        *out_json = json::serialize_for_caller(catalog.create_category(
            session->session, json::parse_object(category_json, "category_json")));
    });
}

store_status_t store_category_update(char **out_json, store_session_t *session,
                                     const char *category_id, const char *changes_json,
                                     store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        require_argument(category_id, "category_id");
        *out_json = json::serialize_for_caller(catalog.update_category(
            session->session, category_id, json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_category_delete(store_session_t *session, const char *category_id,
                                     store_error_t *error) {
    return guard(error, [&] {
        auto &catalog = catalog_of(session);
        require_argument(category_id, "category_id");
        catalog.delete_category(session->session, category_id);
    });
}

store_status_t store_products_list(char **out_page_json, store_t *store, store_session_t *session,
                                   const char *query_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_page_json, "out_page_json");
        auto &catalog = catalog_of(store);
        const libstore::Session *caller = optional_caller(store, session);
        *out_page_json = json::serialize_for_caller(
            catalog.list_products(caller, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_products_facets(char **out_json, store_t *store, const char *query_json,
                                     store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(store);
        *out_json = json::serialize_for_caller(
            catalog.product_facets(nullptr, json::parse_object(query_json, "query_json", true)));
    });
}

store_status_t store_product_get(char **out_json, store_t *store, store_session_t *session,
                                 const char *product_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(store);
        const libstore::Session *caller = optional_caller(store, session);
        require_argument(product_id, "product_id");
        *out_json = json::serialize_for_caller(catalog.get_product(caller, product_id));
    });
}

store_status_t store_product_create(char **out_json, store_session_t *session,
                                    const char *product_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        *out_json = json::serialize_for_caller(catalog.create_product(
            session->session, json::parse_object(product_json, "product_json")));
    });
}

store_status_t store_product_update(char **out_json, store_session_t *session,
                                    const char *product_id, const char *changes_json,
                                    store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        require_argument(product_id, "product_id");
        *out_json = json::serialize_for_caller(catalog.update_product(
            session->session, product_id, json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_product_delete(store_session_t *session, const char *product_id,
                                    store_error_t *error) {
    return guard(error, [&] {
        auto &catalog = catalog_of(session);
        require_argument(product_id, "product_id");
        catalog.delete_product(session->session, product_id);
    });
}

store_status_t store_product_variant_create(char **out_json, store_session_t *session,
                                            const char *product_id, const char *variant_json,
                                            store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        require_argument(product_id, "product_id");
        *out_json = json::serialize_for_caller(catalog.create_variant(
            session->session, product_id, json::parse_object(variant_json, "variant_json")));
    });
}

store_status_t store_product_variant_update(char **out_json, store_session_t *session,
                                            const char *product_id, const char *variant_id,
                                            const char *changes_json, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_json, "out_json");
        auto &catalog = catalog_of(session);
        require_argument(product_id, "product_id");
        require_argument(variant_id, "variant_id");
        *out_json = json::serialize_for_caller(
            catalog.update_variant(session->session, product_id, variant_id,
                                   json::parse_object(changes_json, "changes_json")));
    });
}

store_status_t store_product_variant_delete(store_session_t *session, const char *product_id,
                                            const char *variant_id, store_error_t *error) {
    return guard(error, [&] {
        auto &catalog = catalog_of(session);
        require_argument(product_id, "product_id");
        require_argument(variant_id, "variant_id");
        catalog.delete_variant(session->session, product_id, variant_id);
    });
}

}  // extern "C"
