// An authenticated caller: who is making a call, with which role, through which token. Made only
// by AccountService::authenticate(), so holding one means the token was valid a moment ago.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

enum class Role { client, admin };

const char *role_name(Role role);

struct Session {
    std::string user_id;  // 24-hex ObjectId string
    Role role = Role::client;
    std::string token_id;  // the token's jti, for logout
    std::int64_t token_expires_at_ms = 0;

    bool is_admin() const { return role == Role::admin; }
};

// Throws Error(forbidden) unless the caller is an admin.
void require_admin(const Session &session);

}  // namespace libstore
