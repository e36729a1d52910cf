/* libstore — the catalog: categories and products.
 *
 * Everybody reads the catalog; only admins change it (other sessions get STORE_EFORBIDDEN).
 * Reads that take a session accept NULL for an anonymous caller:
 *
 *     char *page;   // {"items": [product...], "next_cursor": "..." or null}
 *     store_products_list(&page, store, NULL,
 *                         "{\"q\": \"lamp\", \"max_price\": \"50\", \"sort\": \"-price\"}",
 * &error);
 *     ...
 *     store_free(page);
 *
 * Category: {id, name, description, created_at, updated_at}.
 * Product:  {id, name, description, price, stock, in_stock, category_id, image_url, sizes,
 *            attributes, images, created_at, updated_at}; absent values are null, [] or {}.
 *            images: [{id, url, content_type}] in upload order (see images.h).
 * Prices are JSON numbers with at most 2 decimals (19.99), kept as integer cents inside.
 * A product with stock 0 or in_stock false is hidden: left out of listings and STORE_ENOTFOUND
 * for everybody but admins. Ids are 24 lower-case hex characters; a malformed id is
 * STORE_ENOTFOUND.
 * Lists take {"limit": 1-100 (default 20), "cursor": the previous page's next_cursor}; pages
 * never skip or repeat an item while others are added. Query values may be JSON strings (as they
 * come from a URL) or numbers and booleans. */
#ifndef LIBSTORE_CATALOG_H
#define LIBSTORE_CATALOG_H

#include "libstore/accounts.h"
#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Lists categories by name (case-insensitively). `query_json` (may be NULL): {limit?, cursor?}.
 * *out_page_json: {"items": [category...], "next_cursor": ...}. */
STORE_API store_status_t store_categories_list(char **out_page_json, store_t *store,
                                               const char *query_json, store_error_t *error);

/* One category. */
STORE_API store_status_t store_category_get(char **out_json, store_t *store,
                                            const char *category_id, store_error_t *error);

/* Admin: creates a category. `category_json`: {name, description?}; name 1-100 characters,
 * unique in any letter case (STORE_ECONFLICT, field "name"); description up to 1000. */
STORE_API store_status_t store_category_create(char **out_json, store_session_t *session,
                                               const char *category_json, store_error_t *error);

/* Admin: changes a category. `changes_json`: {name?, description?}, at least one; a null
 * description clears it. */
STORE_API store_status_t store_category_update(char **out_json, store_session_t *session,
                                               const char *category_id, const char *changes_json,
                                               store_error_t *error);

/* Admin: deletes a category; STORE_ECONFLICT while products still refer to it. */
STORE_API store_status_t store_category_delete(store_session_t *session, const char *category_id,
                                               store_error_t *error);

/* Lists products. `session` may be NULL (anonymous); if given, it must belong to `store`.
 * `query_json` (may be NULL): {category?, q?, min_price?, max_price?, size?, sort?, limit?,
 * cursor?, include_hidden?, "attr.<key>"?...}:
 *   category        a category id
 *   q               plain text (no pattern syntax) found in the name or description, any case
 *   min_price, max_price  inclusive bounds
 *   size            products offering this size
 *   attr.<key>      products whose attribute <key> is exactly this value
 *   sort            name (default), -name, price, -price, created_at, -created_at
 *   include_hidden  true: hidden products too (admins only: STORE_EUNAUTHENTICATED without a
 *                   session, STORE_EFORBIDDEN for clients)
 * Unknown parameters are STORE_EINVAL naming them. *out_page_json: {"items", "next_cursor"}. */
STORE_API store_status_t store_products_list(char **out_page_json, store_t *store,
                                             store_session_t *session, const char *query_json,
                                             store_error_t *error);

/* Counts for a storefront's filters, over the publicly visible products matching `query_json`
 * (may be NULL): the filters of store_products_list() (category, q, min_price, max_price, size,
 * attr.<key>); sort, limit and cursor are checked as there and otherwise ignored, so a listing's
 * query can be passed unchanged; include_hidden is STORE_EINVAL (facets are public). One round
 * trip to the database. *out_json:
 *   {"total": products matching,
 *    "categories": [{id, name, count}]            by name, case-insensitively; products
 *                                                 without a category are in none,
 *    "options": {"size": [{value, count}], ...}   by option name, values by value: products with
 *                                                 a purchasable variant (in_stock, stock > 0)
 *                                                 of that value,
 *    "attributes": {"author": [{value, count}], ...}  by key, values by value,
 *    "price": {"min", "max"}}                     of the products' prices ("from" prices); null
 *                                                 when total is 0.
 * Every count is a number of products; values sort by their UTF-8 bytes. */
STORE_API store_status_t store_products_facets(char **out_json, store_t *store,
                                               const char *query_json, store_error_t *error);

/* One product. `session` may be NULL. A hidden product is STORE_ENOTFOUND unless the session is
 * an admin's. */
STORE_API store_status_t store_product_get(char **out_json, store_t *store,
                                           store_session_t *session, const char *product_id,
                                           store_error_t *error);

/* Admin: creates a product. `product_json`: {name, price, stock, category_id?, description?,
 * image_url?, sizes?, attributes?, in_stock?, options?, variants?}: name 1-200 characters; price
 * > 0 with at most 2 decimals; stock an integer >= 0; category_id an existing category (else
 * STORE_EINVAL, field "category_id"); description up to 5000; image_url http:// or https://;
 * sizes up to 50 distinct strings of 1-20 characters; attributes an object of up to 20 string
 * values (up to 500 characters) with keys of 1-32 of [a-z0-9_]; in_stock true by default.
 *
 * Variants: `options` maps up to 3 option names ([a-z0-9_]{1,32}) to 1-50 distinct values (1-50
 * characters), e.g. {"size": ["S", "M"]}; `variants` lists {sku?, options, price?, stock,
 * in_stock?}, each with a value for every option, one per combination (STORE_ECONFLICT), SKUs
 * 1-64 of [A-Za-z0-9._-] unique in the shop in any letter case (STORE_ECONFLICT, field "sku").
 * With variants, `stock` is theirs (leave it out) and `price` is the default of those without
 * one. Without them the product gets one default variant of `price` and `stock`. The product's
 * `price` is then the lowest price of its purchasable variants and `stock` the total of those
 * switched on; the product object lists `options` and `variants` [{id, sku, options, price,
 * stock, in_stock}]. */
STORE_API store_status_t store_product_create(char **out_json, store_session_t *session,
                                              const char *product_json, store_error_t *error);

/* Admin: changes a product. `changes_json`: the fields of store_product_create() but
 * `variants`, all optional, at least one, same rules; null clears description, category_id,
 * image_url, sizes, attributes and options. Fields not given keep their values. `price` and
 * `stock` only while the product has one variant (else STORE_EINVAL); `options` must still offer
 * every value a variant has (else STORE_ECONFLICT). */
STORE_API store_status_t store_product_update(char **out_json, store_session_t *session,
                                              const char *product_id, const char *changes_json,
                                              store_error_t *error);

/* Admin: deletes a product. */
STORE_API store_status_t store_product_delete(store_session_t *session, const char *product_id,
                                              store_error_t *error);

/* Admin: adds a variant. `variant_json`: {sku?, options, price?, stock, in_stock?} (rules as in
 * store_product_create(); price defaults to the product's). *out_json: the new variant. */
STORE_API store_status_t store_product_variant_create(char **out_json, store_session_t *session,
                                                      const char *product_id,
                                                      const char *variant_json,
                                                      store_error_t *error);

/* Admin: changes a variant: the fields of store_product_variant_create(), all optional, at least
 * one; sku null clears it. *out_json: the variant afterwards. */
STORE_API store_status_t store_product_variant_update(char **out_json, store_session_t *session,
                                                      const char *product_id,
                                                      const char *variant_id,
                                                      const char *changes_json,
                                                      store_error_t *error);

/* Admin: deletes a variant; a product's last one is STORE_ECONFLICT (delete the product). */
STORE_API store_status_t store_product_variant_delete(store_session_t *session,
                                                      const char *product_id,
                                                      const char *variant_id, store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_CATALOG_H */
