// MessageSigner over libsodium's HMAC-SHA256 (any key length).
#pragma once

#include "core/ports/message_signer.hpp"

namespace libstore::crypto {

class SodiumMessageSigner final : public MessageSigner {
  public:
    SodiumMessageSigner();
    std::string hmac_sha256_hex(const std::string &key, const std::string &message) override;
};

}  // namespace libstore::crypto
