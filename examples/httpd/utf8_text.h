/* Bytes from the wire made into valid UTF-8, as Python decodes them with errors="replace" (how
 * Werkzeug reads a query string): each invalid sequence becomes U+FFFD. jansson, and so the
 * library's JSON, accepts nothing else. */
#ifndef STORE_HTTPD_UTF8_TEXT_H
#define STORE_HTTPD_UTF8_TEXT_H

#include <stddef.h>

/* A malloc'd, NUL-terminated copy of `text[0..length)`, its length in *out_length (may be NULL);
 * NULL when out of memory. */
char *utf8_text_repaired(const char *text, size_t length, size_t *out_length);

#endif
