// TokenSigner producing and checking JWTs signed with HMAC-SHA256 (libsodium). Only the HS256
// algorithm is accepted; "none" and every other header are refused.
#pragma once

#include <string>

#include "core/ports/token_signer.hpp"

namespace libstore::crypto {

class JwtTokenSigner final : public TokenSigner {
  public:
    explicit JwtTokenSigner(std::string secret);

    std::string sign(const TokenClaims &claims) override;
    std::optional<TokenClaims> verify(const std::string &token) override;
    std::string new_token_id() override;

  private:
    std::string mac(const std::string &signing_input) const;

    std::string secret_;
};

}  // namespace libstore::crypto
