/* GET /openapi.json: the embedded document, unchanged. Public, and not one of the cacheable
 * catalog reads, so it goes out with Cache-Control: no-store like every other answer. */
#include "openapi_document.h"

#include "endpoints.h"

void openapi_document_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    (void)request;
    (void)store;
    reply_bytes(reply, 200, openapi_document, openapi_document_size);
}
