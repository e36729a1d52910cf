#include "adapters/crypto/sodium_message_signer.hpp"

#include <sodium.h>

#include "adapters/crypto/sodium_runtime.hpp"

namespace libstore::crypto {

SodiumMessageSigner::SodiumMessageSigner() {
    initialize_sodium_once();
}

std::string SodiumMessageSigner::hmac_sha256_hex(const std::string &key,
                                                 const std::string &message) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(message.data()),
                                  message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

}  // namespace libstore::crypto
