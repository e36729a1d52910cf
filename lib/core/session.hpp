// An authenticated caller: who is making a call, with which role, through which token. Made by
// AccountService::open_session() from a token whose signature and expiry were verified; the
// account's state is re-checked by every call (Authenticator::recheck).
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

enum class Role { client, admin };

const char *role_name(Role role);

struct Session {
    std::string user_id;  // 24-hex ObjectId string
    Role role = Role::client;
    std::string token_id;            // the token's jti, for logout
    std::int64_t token_version = 0;  // the account's token version when the token was issued
    std::int64_t token_expires_at_ms = 0;
    std::string family_id;  // the login the token descends from (logout ends all of it)

    bool is_admin() const { return role == Role::admin; }
};

// Throws Error(forbidden) unless the caller is an admin.
void require_admin(const Session &session);

}  // namespace libstore
