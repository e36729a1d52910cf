// Port: signed access tokens (JWT, HS256 via libsodium in production).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace libstore {

struct TokenClaims {
    std::string subject;          // user id
    std::string role;             // "client" | "admin"
    std::int64_t issued_at = 0;   // seconds since the epoch
    std::int64_t expires_at = 0;  // seconds since the epoch
    std::string token_id;         // jti
    std::int64_t token_version = 0;
    std::string family_id;  // "fid": the login it descends from; empty in tokens made before
};

class TokenSigner {
  public:
    virtual ~TokenSigner() = default;
    virtual std::string sign(const TokenClaims &claims) = 0;
    // The claims of a well-formed token whose signature checks out with our key and whose
    // algorithm is HS256; nullopt otherwise. Expiry is the caller's to check.
    virtual std::optional<TokenClaims> verify(const std::string &token) = 0;
    // A fresh unpredictable token id.
    virtual std::string new_token_id() = 0;
};

}  // namespace libstore
