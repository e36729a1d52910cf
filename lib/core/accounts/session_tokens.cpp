#include "core/accounts/session_tokens.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace libstore {

SessionTokens::SessionTokens(SessionTokenPorts ports, TokenLifetimes lifetimes)
    : ports_(ports), lifetimes_(lifetimes) {}

Value SessionTokens::start(const User &user) {
    return issue(user, ports_.signer.new_token_id(), ports_.clock.now_ms());
}

Value SessionTokens::issue(const User &user, const std::string &family_id, std::int64_t now_ms) {
    RefreshToken stored;
    std::string refresh_token = ports_.opaque_tokens.generate();
    stored.digest = ports_.opaque_tokens.digest(refresh_token);
    stored.user_id = user.id;
    stored.family_id = family_id;
    stored.token_version = user.token_version;
    stored.created_at_ms = now_ms;
    stored.expires_at_ms = now_ms + lifetimes_.refresh_seconds * 1000;
    ports_.refresh_tokens.insert(stored);

    TokenClaims claims;
    claims.subject = user.id;
    claims.role = role_name(user.role);
    claims.issued_at = now_ms / 1000;
    claims.expires_at = claims.issued_at + lifetimes_.access_seconds;
    claims.token_id = ports_.signer.new_token_id();
    claims.token_version = user.token_version;
    claims.family_id = family_id;

    Value token = Value::object();
    token.set("access_token", ports_.signer.sign(claims))
        .set("token_type", "Bearer")
        .set("expires_in", lifetimes_.access_seconds)
        .set("refresh_token", refresh_token)
        .set("refresh_expires_in", lifetimes_.refresh_seconds);
    return token;
}

Value SessionTokens::refresh(const std::string &refresh_token) {
    std::int64_t now = ports_.clock.now_ms();
    std::string digest = ports_.opaque_tokens.digest(refresh_token);
    auto found = ports_.refresh_tokens.find(digest);
    if (!found) {
        throw_unauthenticated("invalid refresh token");
    }
    // Looked at before spending: a refresh racing the one that ends the family may store its
    // new token after the family's tokens were removed, and that token dies here; the racer
    // that spent first has had its answer all the same.
    if (found->family_revoked) {
        throw_unauthenticated("this login has been ended; log in again");
    }
    const RefreshToken &presented = found->token;
    if (presented.spent || !ports_.refresh_tokens.spend(digest)) {
        end_family(presented.family_id, presented.user_id);
        throw_unauthenticated("refresh token was already used; this login has been ended");
    }
    if (presented.expires_at_ms <= now) {
        throw_unauthenticated("refresh token expired");
    }
    auto user = ports_.users.find_by_id(presented.user_id);
    if (!user) {
        throw_unauthenticated("this account no longer exists");
    }
    // Inactive first: deactivation also moves the token version, and a deactivated account
    // is told so rather than asked to log in again.
    if (!user->is_active) {
        throw_forbidden("this account is deactivated");
    }
    if (user->token_version != presented.token_version) {
        throw_unauthenticated("refresh token is no longer valid; log in again");
    }
    return issue(*user, presented.family_id, now);
}

void SessionTokens::end_family(const std::string &family_id, const std::string &user_id) {
    // Kept as long as any token of the family could still be presented.
    std::int64_t longest = std::max(lifetimes_.access_seconds, lifetimes_.refresh_seconds);
    ports_.revoked_tokens.revoke_family(family_id, user_id, ports_.clock.now_ms() + longest * 1000);
    ports_.refresh_tokens.remove_family(family_id);
}

}  // namespace libstore
