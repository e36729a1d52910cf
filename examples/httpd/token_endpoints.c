/* Tokens: refresh, password reset and email verification (API.md "Tokens"). */
#include "call_patterns.h"
#include "endpoints.h"

void auth_refresh(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call(request, store, reply, store_refresh, 200);
}

void auth_password_reset(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call_accepted(request, store, reply, store_password_reset_request);
}

void auth_password_reset_confirm(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call_no_content(request, store, reply, store_password_reset_confirm);
}

void users_me_email_verification(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call_accepted(request, store, reply, store_session_request_email_verification);
}

void auth_verify_email(http_request_t *request, store_t *store, http_reply_t *reply) {
    anonymous_body_call(request, store, reply, store_verify_email, 200);
}
