#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds and runs a C consumer against the
# installed tree with CMake (shared and static) and with pkg-config (shared and static).
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libstore.so' -printf '%h\n' | head -n1)

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
export PKG_CONFIG_PATH=$libdir/pkgconfig
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
