#ifndef STORE_HTTPD_COMMA_LIST_H
#define STORE_HTTPD_COMMA_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* Walks a comma-separated list ("a, b,,c") item by item, each trimmed of ASCII whitespace as
 * Python's str.strip() trims it, so every host reads LIBSTORE_ALLOWED_ORIGINS and If-None-Match
 * alike. Empty items are returned too (length 0); the caller decides what they mean.
 *
 *     const char *cursor = list, *item;
 *     size_t length;
 *     while (comma_list_next(&cursor, &item, &length)) { ... }
 */
bool comma_list_next(const char **cursor, const char **item, size_t *length);

#endif
