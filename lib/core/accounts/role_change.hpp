// The body of PUT /users/{id}/role: {role, permissions?}.
#pragma once

#include "core/accounts/permissions.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

struct RoleChange {
    Role role = Role::client;
    PermissionSet permissions;  // only ever non-empty for staff
};

// role: "client" | "staff" | "admin"; permissions: a list of distinct permission names, for
// staff only (an admin holds every one, a client none). Error(invalid_argument) naming the field.
RoleChange parse_role_change(const Value &body);

// "staff [manage_catalog, view_audit]", "client", "admin": a role as the audit log shows it.
std::string describe_role(Role role, PermissionSet permissions);

}  // namespace libstore
