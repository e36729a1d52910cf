// The macros a C++ caller is told to use compile cleanly under -pedantic.
#include <libstore/store.h>

static_assert(STORE_VERSION_NUMBER >= STORE_VERSION_ENCODE(0, 1, 0),
              "STORE_VERSION_NUMBER must be comparable with STORE_VERSION_ENCODE");

int libstore_headertest_macros_cpp();

int libstore_headertest_macros_cpp() {
    store_options_t options = STORE_OPTIONS_INIT;
    store_error_t error{};
    return static_cast<int>(options.version) + static_cast<int>(error.code);
}
