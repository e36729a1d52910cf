# Third-party libraries, all from Debian's -dev packages (see .ci/install-deps).
# Also included by the installed libstoreConfig.cmake, so a consumer of the static library finds
# the same imported targets.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBMONGOC REQUIRED IMPORTED_TARGET libmongoc-1.0)
pkg_check_modules(LIBBSON REQUIRED IMPORTED_TARGET libbson-1.0)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(LIBSODIUM REQUIRED IMPORTED_TARGET libsodium)
# The webhook sender (lib/adapters/http); Debian: libcurl4-openssl-dev.
find_package(CURL REQUIRED)
find_package(Threads REQUIRED)
