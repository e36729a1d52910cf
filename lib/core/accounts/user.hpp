// A user account as the core sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/accounts/permissions.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

struct User {
    std::string id;
    std::string username;
    std::string email;
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<std::string> address;
    Role role = Role::client;
    PermissionSet permissions;  // as stored: only staff accounts hold any
    bool is_active = true;
    std::int64_t created_at_ms = 0;
    std::string password_hash;
    // Bumped by deactivation and password changes: tokens carrying an older version are dead.
    std::int64_t token_version = 0;
    // Set by redeeming a verify_email token sent to the current address; a new address clears it.
    bool email_verified = false;
};

// The API's user object. Never includes the password hash or token version. `permissions` lists
// what the role holds (every permission for an admin).
Value user_value(const User &user);

}  // namespace libstore
