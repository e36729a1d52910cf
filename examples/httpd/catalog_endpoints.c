/* The catalog: /categories and /products of API.md. Reads are public; a token, when sent, lets
 * an admin see hidden products. Query strings go to the library as strings; it parses and
 * validates them. */
#include <stdlib.h>

#include "bearer_auth.h"
#include "call_patterns.h"
#include "endpoints.h"

void categories_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_query_call(request, store, reply, store_categories_list);
}

void category_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_id_call(request, store, reply, store_category_get);
}

void category_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_category_create, 201);
}

void category_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_category_update);
}

void category_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call_no_content(request, store, reply, store_category_delete);
}

void products_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    char *query = http_request_query_json(request, reply);
    if (query == NULL) {
        return;
    }
    store_session_t *session = NULL;
    if (bearer_optional_session(&session, request, store, reply) == 0) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = store_products_list(&json, store, session, query, &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
    free(query);
}

/* Public and the same for everybody, like the category list: a token is not even read. */
void products_facets(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_query_call(request, store, reply, store_products_facets);
}

void product_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = NULL;
    if (bearer_optional_session(&session, request, store, reply) == 0) {
        char *json = NULL;
        store_error_t error;
        store_status_t status =
            store_product_get(&json, store, session, request->params[0], &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
}

void product_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_product_create, 201);
}

void product_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_product_update);
}

void product_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call_no_content(request, store, reply, store_product_delete);
}

void variant_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call_status(request, store, reply, store_product_variant_create, 201);
}

void variant_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_pair_body_call(request, store, reply, store_product_variant_update);
}

void variant_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_pair_call_no_content(request, store, reply, store_product_variant_delete);
}
