// Port: where refresh tokens are kept, by digest only. Each login starts a family; every refresh
// spends one token of it and adds the next.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace libstore {

struct RefreshToken {
    std::string digest;  // OpaqueTokens::digest of the token handed out
    std::string user_id;
    std::string family_id;           // one per login
    std::int64_t token_version = 0;  // the account's when the token was issued
    std::int64_t created_at_ms = 0;
    std::int64_t expires_at_ms = 0;
    bool spent = false;
};

// A stored token and whether its family was ended (RevokedTokenRepository::revoke_family).
struct RefreshTokenLookup {
    RefreshToken token;
    bool family_revoked = false;
};

class RefreshTokenRepository {
  public:
    virtual ~RefreshTokenRepository() = default;
    virtual void insert(const RefreshToken &token) = 0;
    // The token with this digest and its family's revocation, read together in one round trip;
    // nullopt when no such token is stored.
    virtual std::optional<RefreshTokenLookup> find(const std::string &digest) = 0;
    // Spends the unspent token with this digest in one conditional update: true when this call
    // spent it; false when it was spent already (or is gone). Of two callers racing, exactly
    // one gets true.
    virtual bool spend(const std::string &digest) = 0;
    // Removes every refresh token of the family.
    virtual void remove_family(const std::string &family_id) = 0;
};

}  // namespace libstore
