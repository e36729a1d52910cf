/* Product images: POST /products/{id}/images takes the image itself as the body (its
 * Content-Type declares the type; the library checks the bytes), GET /images/{id} answers the
 * bytes with a strong ETag (the library's SHA-256 of them) and a day of public, immutable
 * caching, DELETE /products/{id}/images/{image_id} removes one. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "bearer_auth.h"
#include "endpoints.h"
#include "http_caching.h"

/* An image never changes (another upload is another id), so any copy stays good. */
#define IMAGE_CACHE_CONTROL "public, max-age=86400, immutable"

/* The Content-Type of an image answer, from the few the library accepts (static storage, as
 * http_reply_t wants it). */
static const char *image_content_type(const char *declared) {
    static const char *const accepted[] = {"image/png", "image/jpeg", "image/webp", "image/gif"};
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; ++i) {
        if (strcmp(declared, accepted[i]) == 0) {
            return accepted[i];
        }
    }
    return "application/octet-stream";
}

void product_image_add(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    size_t length = 0;
    bool ok = false;
    const char *data = request_body_bytes(&request->body, &length, &ok, reply);
    if (ok) {
        const char *content_type = http_request_header(request, "Content-Type");
        char *json = NULL;
        store_error_t error;
        store_status_t status =
            store_product_image_add(&json, session, request->params[0],
                                    content_type != NULL ? content_type : "", data, length, &error);
        reply_store_result(reply, status, &error, 201, json);
    }
    store_session_free(session);
}

void product_image_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        store_error_t error;
        store_status_t status =
            store_product_image_delete(session, request->params[0], request->params[1], &error);
        reply_store_done(reply, status, &error);
        store_session_free(session);
    }
}

void image_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    void *data = NULL;
    size_t length = 0;
    char *info = NULL;
    store_error_t error;
    store_status_t status =
        store_image_get(&data, &length, &info, store, request->params[0], &error);
    if (status != STORE_OK) {
        reply_store_error(reply, status, &error);
        return;
    }
    json_t *document = json_loads(info, 0, NULL);
    const char *sha256 = json_string_value(json_object_get(document, "sha256"));
    const char *content_type = json_string_value(json_object_get(document, "content_type"));
    if (sha256 == NULL || content_type == NULL) {
        reply_error(reply, 500, "internal", "the library described the image unreadably", NULL);
    } else {
        char etag[80];
        snprintf(etag, sizeof etag, "\"%s\"", sha256);
        if (http_caching_client_holds(request, etag)) {
            reply->status = 304;
        } else {
            reply_bytes(reply, 200, data, length);
            reply->content_type = image_content_type(content_type);
        }
        reply_set_header(reply, "ETag", etag);
        reply_set_header(reply, "Cache-Control", IMAGE_CACHE_CONTROL);
    }
    json_decref(document);
    store_free(info);
    store_free(data);
}
