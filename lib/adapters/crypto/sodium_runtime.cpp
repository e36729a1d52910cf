#include "adapters/crypto/sodium_runtime.hpp"

#include <sodium.h>

#include <mutex>

#include "core/error.hpp"

namespace libstore::crypto {

void initialize_sodium_once() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    if (!ok) {
        throw Error(ErrorCode::internal, "", "libsodium could not be initialised");
    }
}

}  // namespace libstore::crypto
