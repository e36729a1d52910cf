#include "adapters/crypto/sodium_opaque_tokens.hpp"

#include <sodium.h>

#include "adapters/crypto/sodium_runtime.hpp"

namespace libstore::crypto {

namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

}  // namespace

SodiumOpaqueTokens::SodiumOpaqueTokens() {
    initialize_sodium_once();
}

std::string SodiumOpaqueTokens::generate() {
    unsigned char bytes[kTokenBytes];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(kTokenBytes, kBase64Variant)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kBase64Variant);
    sodium_memzero(bytes, sizeof bytes);
    return text;
}

std::string SodiumOpaqueTokens::digest(const std::string &token) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char *>(token.data()), token.size());
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

}  // namespace libstore::crypto
