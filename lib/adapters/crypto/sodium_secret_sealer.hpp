// SecretSealer over libsodium: crypto_secretbox (XSalsa20-Poly1305) under a key derived from the
// store's token secret by keyed BLAKE2b with its own context, so the sealing key is never the
// token-signing key itself. Sealed text: base64url(nonce || box).
#pragma once

#include <sodium.h>

#include <array>
#include <string>

#include "core/ports/secret_sealer.hpp"

namespace libstore::crypto {

class SodiumSecretSealer final : public SecretSealer {
  public:
    explicit SodiumSecretSealer(const std::string &token_secret);
    ~SodiumSecretSealer() override;
    SodiumSecretSealer(const SodiumSecretSealer &) = delete;
    SodiumSecretSealer &operator=(const SodiumSecretSealer &) = delete;

    std::string seal(const std::string &secret) override;
    std::string open(const std::string &sealed) override;

  private:
    std::array<unsigned char, crypto_secretbox_KEYBYTES> key_{};
};

}  // namespace libstore::crypto
