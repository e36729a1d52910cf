// An authenticated caller: who is making a call, with which role, through which token. Made by
// AccountService::open_session() from a token whose signature and expiry were verified; the
// account's state is re-checked by every call (Authenticator::recheck), which also fills in the
// caller's current permissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/accounts/permissions.hpp"

namespace libstore {

enum class Role { client, staff, admin };

const char *role_name(Role role);
std::optional<Role> parse_role_name(const std::string &name);

struct Session {
    std::string user_id;  // 24-hex ObjectId string
    Role role = Role::client;
    // A staff user's permissions as of the last recheck (admins hold every one regardless).
    PermissionSet permissions;
    std::string token_id;            // the token's jti, for logout
    std::int64_t token_version = 0;  // the account's token version when the token was issued
    std::int64_t token_expires_at_ms = 0;
    std::string family_id;  // the login the token descends from (logout ends all of it)
    // Set for a guest: a caller holding only a cart token (GuestCarts::open_session). Such a
    // session reaches that one cart and nothing else: the Authenticator refuses it.
    std::optional<std::string> guest_cart_key;

    bool is_guest() const { return guest_cart_key.has_value(); }

    bool is_admin() const { return role == Role::admin; }
    // Whether the caller may do what `permission` covers: admins always, staff when granted.
    bool may(Permission permission) const {
        return role == Role::admin || (role == Role::staff && permissions.has(permission));
    }
};

// Throws Error(forbidden) unless the caller is an admin (roles and webhooks are admins' only).
void require_admin(const Session &session);
// Throws Error(forbidden) naming the permission unless the caller holds it.
void require_permission(const Session &session, Permission permission);

// The permissions a role holds given the ones stored for the account: every one for an admin,
// the stored ones for staff, none for a client.
PermissionSet effective_permissions(Role role, PermissionSet stored);

}  // namespace libstore
