/* The macros a C caller is told to use compile cleanly under -pedantic. */
#include <libstore/store.h>

#if STORE_VERSION_NUMBER < STORE_VERSION_ENCODE(0, 1, 0)
#error "STORE_VERSION_NUMBER must be comparable with STORE_VERSION_ENCODE"
#endif

int libstore_headertest_macros_c(void);

int libstore_headertest_macros_c(void) {
    store_options_t options = STORE_OPTIONS_INIT;
    store_error_t error = {STORE_OK, "", "", 0};
    return (int)options.version + (int)error.code;
}
