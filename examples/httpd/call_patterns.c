#include "call_patterns.h"

#include <stdlib.h>

#include "bearer_auth.h"

void session_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                             session_call_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        store_error_t error;
        reply_store_done(reply, call(session, &error), &error);
        store_session_free(session);
    }
}

void session_id_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                session_id_call_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        store_error_t error;
        reply_store_done(reply, call(session, request->params[0], &error), &error);
        store_session_free(session);
    }
}

void session_call(http_request_t *request, store_t *store, http_reply_t *reply,
                  session_get_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
}

void session_id_call(http_request_t *request, store_t *store, http_reply_t *reply,
                     session_text_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, request->params[0], &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
}

void session_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                       session_text_fn call, unsigned int success_status) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, body, &error);
        reply_store_result(reply, status, &error, success_status, json);
    }
    store_session_free(session);
}

void session_id_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                          session_id_text_fn call) {
    session_id_body_call_status(request, store, reply, call, 200);
}

void session_id_body_call_status(http_request_t *request, store_t *store, http_reply_t *reply,
                                 session_id_text_fn call, unsigned int success_status) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, request->params[0], body, &error);
        reply_store_result(reply, status, &error, success_status, json);
    }
    store_session_free(session);
}

void session_id_pair_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                               session_id_pair_text_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status =
            call(&json, session, request->params[0], request->params[1], body, &error);
        reply_store_result(reply, status, &error, 200, json);
    }
    store_session_free(session);
}

void session_id_pair_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                     session_id_pair_call_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        store_error_t error;
        reply_store_done(reply, call(session, request->params[0], request->params[1], &error),
                         &error);
        store_session_free(session);
    }
}

void session_id_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                           session_id_text_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    char *query = http_request_query_json(request, reply);
    if (query != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, request->params[0], query, &error);
        reply_store_result(reply, status, &error, 200, json);
        free(query);
    }
    store_session_free(session);
}

void session_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                        session_text_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    char *query = http_request_query_json(request, reply);
    if (query != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, query, &error);
        reply_store_result(reply, status, &error, 200, json);
        free(query);
    }
    store_session_free(session);
}

void anonymous_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                         store_text_fn call, unsigned int success_status) {
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, store, body, &error);
        reply_store_result(reply, status, &error, success_status, json);
    }
}

void anonymous_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                          store_text_fn call) {
    char *query = http_request_query_json(request, reply);
    if (query != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, store, query, &error);
        reply_store_result(reply, status, &error, 200, json);
        free(query);
    }
}

void anonymous_id_call(http_request_t *request, store_t *store, http_reply_t *reply,
                       store_text_fn call) {
    char *json = NULL;
    store_error_t error;
    store_status_t status = call(&json, store, request->params[0], &error);
    reply_store_result(reply, status, &error, 200, json);
}

/* 202's body: an empty object, as API.md gives it. */
static void reply_accepted(http_reply_t *reply, store_status_t status, const store_error_t *error) {
    if (status == STORE_OK) {
        reply_json(reply, 202, "{}");
    } else {
        reply_store_error(reply, status, error);
    }
}

void anonymous_body_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                    store_body_fn call) {
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        store_error_t error;
        reply_store_done(reply, call(store, body, &error), &error);
    }
}

void anonymous_body_call_accepted(http_request_t *request, store_t *store, http_reply_t *reply,
                                  store_body_fn call) {
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        store_error_t error;
        reply_accepted(reply, call(store, body, &error), &error);
    }
}

void session_call_accepted(http_request_t *request, store_t *store, http_reply_t *reply,
                           session_call_fn call) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        store_error_t error;
        reply_accepted(reply, call(session, &error), &error);
        store_session_free(session);
    }
}
