#!/usr/bin/env bash
# Installs the build into a scratch prefix, then uses the installed tree as an outside project
# would:
#   run_consumer_test.sh BUILD_DIR [consumer]  a C consumer built with CMake (shared and static)
#                                              and pkg-config (shared and static); the exported
#                                              symbols and the SONAME
#   run_consumer_test.sh BUILD_DIR examples    examples/c built with CMake find_package() and
#                                              with pkg-config and run against a test database
#                                              (SecantusDB, or LIBSTORE_TEST_MONGODB_URI), and
#                                              the installed store-httpd answering /health
set -euo pipefail
build_dir=$1
mode=${2:-consumer}
source_dir=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$source_dir/../.." && pwd)
work=$(mktemp -d)
database_pid=""
httpd_pid=""
cleanup() {
    for pid in $httpd_pid $database_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
prefix=$work/prefix

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libstore.so' -printf '%h\n' | head -n1)
export PKG_CONFIG_PATH=$libdir/pkgconfig

check_consumer() {
    echo "== CMake find_package(libstore)"
    cmake -S "$source_dir/project" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    cmake --build "$work/cmake-build" >/dev/null
    LD_LIBRARY_PATH=$libdir "$work/cmake-build/consumer_shared"
    "$work/cmake-build/consumer_static"
    if LD_LIBRARY_PATH= ldd "$work/cmake-build/consumer_static" | grep -q 'libstore\.so'; then
        echo "static consumer links the shared library" >&2
        exit 1
    fi

    echo "== pkg-config libstore"
    cc -o "$work/pc_shared" "$source_dir/project/consumer.c" $(pkg-config --cflags --libs libstore)
    LD_LIBRARY_PATH=$libdir "$work/pc_shared"
    cc -o "$work/pc_static" "$source_dir/project/consumer.c" $(pkg-config --cflags libstore) \
        "$libdir/libstore.a" $(pkg-config --static --libs libstore | sed 's/-lstore//')
    "$work/pc_static"

    echo "== exported symbols"
    unexpected=$(nm -D --defined-only "$libdir/libstore.so" | awk '{print $3}' | grep -v '^store_' || true)
    if [ -n "$unexpected" ]; then
        echo "symbols other than store_* exported:" >&2
        echo "$unexpected" >&2
        exit 1
    fi
    soname=$(objdump -p "$libdir/libstore.so" | awk '/SONAME/ {print $2}')
    [ "$soname" = "libstore.so.0" ] || { echo "unexpected SONAME $soname" >&2; exit 1; }
    echo "consumer test passed"
}

# Sets MONGODB_URI to the test database started for this run (tests/testdb/database_server.py:
# SecantusDB, or LIBSTORE_TEST_MONGODB_URI).
start_database() {
    "${LIBSTORE_TEST_PYTHON:?the interpreter with SecantusDB}" \
        "$source_root/tests/testdb/database_server.py" --uri-file "$work/database-uri" \
        >"$work/database.log" 2>&1 &
    database_pid=$!
    for _ in $(seq 200); do [ -s "$work/database-uri" ] && break; sleep 0.1; done
    [ -s "$work/database-uri" ] ||
        { echo "the test database did not start:" >&2; cat "$work/database.log" >&2; exit 1; }
    MONGODB_URI=$(cat "$work/database-uri")
    export MONGODB_URI
}

check_examples() {
    local examples=(open_store register_and_login list_products place_order)
    echo "== examples/c with CMake find_package(libstore)"
    cmake -S "$source_root/examples/c" -B "$work/examples-cmake" -DCMAKE_PREFIX_PATH="$prefix" \
        >/dev/null
    cmake --build "$work/examples-cmake" >/dev/null

    echo "== examples/c with pkg-config libstore"
    mkdir -p "$work/examples-pc"
    for example in "${examples[@]}"; do
        cc -std=c11 -Wall -Wextra -Werror -o "$work/examples-pc/$example" \
            "$source_root/examples/c/$example.c" $(pkg-config --cflags --libs libstore)
    done

    echo "== running them against the test database"
    start_database
    export LIBSTORE_DB=${LIBSTORE_TEST_DATABASE:-libstore_test}
    export LIBSTORE_SECRET=examples-test-secret-0123456789abcdef0123
    export LD_LIBRARY_PATH=$libdir
    "$work/examples-cmake/open_store" | grep -q 'database connected'
    "$work/examples-pc/register_and_login" | grep -q '^me: {.*"username":"grace"'
    output=$("$work/examples-cmake/place_order")
    echo "$output" | grep -q '"total_price":59.97' || { echo "$output" >&2; exit 1; }
    echo "$output" | grep -q 'retry with the same key: the same order' ||
        { echo "$output" >&2; exit 1; }
    "$work/examples-pc/list_products" pen | grep -q '"name":"Fountain pen"'

    echo "== installed store-httpd"
    # Without LD_LIBRARY_PATH: the installed RPATH must find the installed library.
    env -u LD_LIBRARY_PATH PORT=0 HOST=127.0.0.1 LIBSTORE_PASSWORD_COST=minimum \
        "$prefix/bin/store-httpd" 2>"$work/httpd.log" &
    httpd_pid=$!
    local url=""
    for _ in $(seq 100); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/httpd.log" || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$work/httpd.log" >&2; exit 1; }
    curl -sf "$url/health" | grep -q '"database":"connected"'
    kill -TERM "$httpd_pid"
    local stopped=0
    wait "$httpd_pid" || stopped=$?
    httpd_pid=""
    [ "$stopped" -eq 0 ] || { echo "store-httpd exited with $stopped when stopped" >&2; exit 1; }
    echo "examples test passed"
}

case $mode in
    consumer) check_consumer ;;
    examples) check_examples ;;
    *) echo "usage: $0 BUILD_DIR [consumer|examples]" >&2; exit 2 ;;
esac
