/* libstore — product images, kept in the database (a GridFS bucket).
 *
 * The image itself goes in and comes out as bytes (a pointer and a length), never as JSON;
 * what describes it is JSON as everywhere else:
 *
 *     char *image;  // {id, url, content_type, bytes, sha256}
 *     store_product_image_add(&image, session, product_id, "image/png", png, png_length,
 *                             &error);
 *     ...
 *     void *data;
 *     size_t length;
 *     char *info;  // {id, content_type, bytes, sha256}
 *     store_image_get(&data, &length, &info, store, image_id, &error);
 *     ...
 *     store_free(data);
 *     store_free(info);
 *
 * Accepted types: image/png, image/jpeg, image/webp and image/gif (case-insensitive,
 * parameters after ';' ignored), at most 5 MiB (5 * 1024 * 1024 bytes, STORE_ETOOLARGE above).
 * The bytes must be a whole file of the declared type, judged by its magic numbers and the
 * structure it ends with: an unknown type or bytes of another type are STORE_EINVAL with field
 * "content_type"; empty, truncated or malformed bytes STORE_EINVAL with field "image".
 * `sha256` (hex) is the digest of the bytes, the ETag hosts send. A product lists its images as
 * {id, url: "/images/<id>", content_type}, in upload order; deleting the product deletes them.
 * Ids are 24 lower-case hex characters; a malformed id is STORE_ENOTFOUND. */
#ifndef LIBSTORE_IMAGES_H
#define LIBSTORE_IMAGES_H

#include <stddef.h>

#include "libstore/accounts.h"
#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Catalog managers (admins, staff holding manage_catalog; others STORE_EFORBIDDEN): adds an
 * image to a product. `data` holds `length` bytes (may be NULL when `length` is 0, which is
 * refused as empty); the library copies them. An unknown product is STORE_ENOTFOUND and keeps
 * nothing. *out_image_json: {id, url, content_type, bytes, sha256}. */
STORE_API store_status_t store_product_image_add(char **out_image_json, store_session_t *session,
                                                 const char *product_id, const char *content_type,
                                                 const void *data, size_t length,
                                                 store_error_t *error);

/* Public: an image's bytes and what describes them. *out_data (free with store_free(); not
 * NUL-terminated) holds *out_length bytes; *out_info_json: {id, content_type, bytes, sha256}.
 * `out_info_json` may be NULL. On failure *out_data and *out_info_json are NULL and
 * *out_length is 0. */
STORE_API store_status_t store_image_get(void **out_data, size_t *out_length, char **out_info_json,
                                         store_t *store, const char *image_id,
                                         store_error_t *error);

/* Catalog managers: removes an image from a product and deletes it. STORE_ENOTFOUND unless the
 * product lists that image. */
STORE_API store_status_t store_product_image_delete(store_session_t *session,
                                                    const char *product_id, const char *image_id,
                                                    store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_IMAGES_H */
