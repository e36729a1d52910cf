/* libstore — compile-time and run-time version.
 *
 * The STORE_VERSION_* macros give the version of the headers a program was compiled against;
 * store_version() gives the version of the library it runs with. The shared library's SONAME
 * carries STORE_VERSION_MAJOR: programs built against one major version keep working with every
 * later minor and patch release of it. */
#ifndef LIBSTORE_VERSION_H
#define LIBSTORE_VERSION_H

#include "libstore/export.h"

#define STORE_VERSION_MAJOR 0
#define STORE_VERSION_MINOR 1
#define STORE_VERSION_PATCH 0
#define STORE_VERSION_STRING "0.1.0"

/* A single comparable number: STORE_VERSION_NUMBER >= STORE_VERSION_ENCODE(0, 1, 0). */
#define STORE_VERSION_ENCODE(major, minor, patch) ((major)*1000000 + (minor)*1000 + (patch))
#define STORE_VERSION_NUMBER \
    STORE_VERSION_ENCODE(STORE_VERSION_MAJOR, STORE_VERSION_MINOR, STORE_VERSION_PATCH)

STORE_EXTERN_C_BEGIN

/* The run-time library version as "MAJOR.MINOR.PATCH". Static storage; never free it. */
STORE_API const char *store_version(void);

STORE_EXTERN_C_END

#endif /* LIBSTORE_VERSION_H */
