/* The events feed: GET /events of API.md (admins; the library checks who may). */
#include "call_patterns.h"
#include "endpoints.h"

void events_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_session_events_list);
}
