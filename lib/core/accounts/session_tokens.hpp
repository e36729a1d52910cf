// What a login hands out and how it is renewed: an access token and a refresh token of one
// family (one per login). Refresh tokens rotate: each is spent by its use and replaced by the
// next of its family; a spent one presented again means a copy leaked, and the whole family
// (its refresh tokens and every access token issued in it) dies.
#pragma once

#include <cstdint>
#include <string>

#include "core/accounts/user.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/refresh_token_repository.hpp"
#include "core/ports/token_signer.hpp"
#include "core/ports/user_repository.hpp"
#include "core/value.hpp"

namespace libstore {

struct SessionTokenPorts {
    UserRepository &users;
    RevokedTokenRepository &revoked_tokens;
    RefreshTokenRepository &refresh_tokens;
    TokenSigner &signer;
    OpaqueTokens &opaque_tokens;
    Clock &clock;
};

struct TokenLifetimes {
    std::int64_t access_seconds = 900;
    std::int64_t refresh_seconds = 30 * 24 * 3600;
};

class SessionTokens {
  public:
    SessionTokens(SessionTokenPorts ports, TokenLifetimes lifetimes);

    // A new login of `user`, starting a family: {access_token, token_type, expires_in,
    // refresh_token, refresh_expires_in}.
    Value start(const User &user);

    // The refresh token presented -> the same shape, in the same family. Unknown, expired or
    // reused tokens, and accounts deleted or whose token version moved on -> unauthenticated;
    // a deactivated account -> forbidden.
    Value refresh(const std::string &refresh_token);

    // Ends a login: its refresh tokens and every access token issued in it.
    void end_family(const std::string &family_id, const std::string &user_id);

  private:
    Value issue(const User &user, const std::string &family_id, std::int64_t now_ms);

    SessionTokenPorts ports_;
    TokenLifetimes lifetimes_;
};

}  // namespace libstore
