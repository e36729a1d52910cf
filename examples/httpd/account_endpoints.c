/* Accounts: the /auth, /users and /audit endpoints of API.md. */
#include "call_patterns.h"
#include "endpoints.h"

void auth_register(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call(request, store, reply, store_register, 201);
}

void auth_login(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call(request, store, reply, store_login, 200);
}

void auth_logout(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call_no_content(request, store, reply, store_session_logout);
}

void users_me_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_session_me);
}

void users_me_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_session_update_me, 200);
}

void users_me_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call_no_content(request, store, reply, store_session_delete_me);
}

void users_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_users_list);
}

void user_deactivate(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_user_deactivate);
}

void user_activate(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_user_activate);
}

void user_set_role(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_user_set_role);
}

void audit_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_audit_list);
}
