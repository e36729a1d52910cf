/* libstore — export macro for the public C ABI.
 *
 * Only symbols marked STORE_API leave the shared library; everything else is built with
 * -fvisibility=hidden. */
#ifndef LIBSTORE_EXPORT_H
#define LIBSTORE_EXPORT_H

#if defined(_WIN32)
#if defined(LIBSTORE_BUILDING)
#define STORE_API __declspec(dllexport)
#elif defined(LIBSTORE_STATIC)
#define STORE_API
#else
#define STORE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define STORE_API __attribute__((visibility("default")))
#else
#define STORE_API
#endif

#ifdef __cplusplus
#define STORE_EXTERN_C_BEGIN extern "C" {
#define STORE_EXTERN_C_END }
#else
#define STORE_EXTERN_C_BEGIN
#define STORE_EXTERN_C_END
#endif

#endif /* LIBSTORE_EXPORT_H */
