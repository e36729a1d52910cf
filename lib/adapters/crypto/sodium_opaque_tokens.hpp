// OpaqueTokens over libsodium: 256 bits from its generator, base64url without padding (43
// characters); digests are SHA-256, in hex.
#pragma once

#include "core/ports/opaque_tokens.hpp"

namespace libstore::crypto {

class SodiumOpaqueTokens final : public OpaqueTokens {
  public:
    SodiumOpaqueTokens();
    std::string generate() override;
    std::string digest(const std::string &token) override;
};

}  // namespace libstore::crypto
