/* api/openapi.json, the OpenAPI document of API.md, compiled into the binary (CMakeLists.txt runs
 * cmake/embed_file.cmake whenever the file changes), so the host serves exactly the
 * repository's bytes whatever directory it runs in. */
#ifndef STORE_HTTPD_OPENAPI_DOCUMENT_H
#define STORE_HTTPD_OPENAPI_DOCUMENT_H

#include <stddef.h>

extern const unsigned char openapi_document[];
extern const size_t openapi_document_size;

#endif
