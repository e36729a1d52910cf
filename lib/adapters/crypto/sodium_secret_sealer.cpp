#include "adapters/crypto/sodium_secret_sealer.hpp"

#include <vector>

#include "adapters/crypto/sodium_runtime.hpp"
#include "core/error.hpp"

namespace libstore::crypto {

namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr const char kContext[] = "libstore webhook secret sealing v1";

[[noreturn]] void throw_unopenable() {
    throw Error(ErrorCode::internal, "",
                "a webhook secret cannot be opened (was the store's token secret changed?)");
}

}  // namespace

SodiumSecretSealer::SodiumSecretSealer(const std::string &token_secret) {
    initialize_sodium_once();
    // The token secret may be of any length; BLAKE2b keys are at most 64 bytes: hash it first.
    unsigned char root[crypto_generichash_KEYBYTES_MAX];
    crypto_generichash(root, sizeof root,
                       reinterpret_cast<const unsigned char *>(token_secret.data()),
                       token_secret.size(), nullptr, 0);
    crypto_generichash(key_.data(), key_.size(), reinterpret_cast<const unsigned char *>(kContext),
                       sizeof kContext - 1, root, sizeof root);
    sodium_memzero(root, sizeof root);
}

SodiumSecretSealer::~SodiumSecretSealer() {
    sodium_memzero(key_.data(), key_.size());
}

std::string SodiumSecretSealer::seal(const std::string &secret) {
    std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                      secret.size());
    randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(secret.data()), secret.size(),
                          sealed.data(), key_.data());
    std::string text(sodium_base64_ENCODED_LEN(sealed.size(), kBase64Variant), '\0');
    sodium_bin2base64(text.data(), text.size(), sealed.data(), sealed.size(), kBase64Variant);
    text.resize(text.size() - 1);  // the terminating NUL
    return text;
}

std::string SodiumSecretSealer::open(const std::string &sealed) {
    std::vector<unsigned char> bytes(sealed.size());
    std::size_t length = 0;
    if (sodium_base642bin(bytes.data(), bytes.size(), sealed.data(), sealed.size(), nullptr,
                          &length, nullptr, kBase64Variant) != 0 ||
        length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        throw_unopenable();
    }
    std::string secret(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(secret.data()),
                                   bytes.data() + crypto_secretbox_NONCEBYTES,
                                   length - crypto_secretbox_NONCEBYTES, bytes.data(),
                                   key_.data()) != 0) {
        throw_unopenable();
    }
    return secret;
}

}  // namespace libstore::crypto
