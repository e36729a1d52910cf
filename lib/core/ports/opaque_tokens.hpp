// Port: opaque secrets handed to callers (refresh tokens, password-reset and email-verification
// tokens) and the digests they are stored under, so a copy of the database cannot be replayed.
// libsodium in production: 256 random bits, base64url; SHA-256 digests.
#pragma once

#include <string>

namespace libstore {

class OpaqueTokens {
  public:
    virtual ~OpaqueTokens() = default;
    // A fresh unguessable token, safe in URLs and JSON.
    virtual std::string generate() = 0;
    // A one-way digest of `token` (of any length), the key it is stored and looked up under.
    virtual std::string digest(const std::string &token) = 0;
};

}  // namespace libstore
