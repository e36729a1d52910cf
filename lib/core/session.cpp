#include "core/session.hpp"

#include "core/error.hpp"

namespace libstore {

const char *role_name(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::staff:
            return "staff";
        case Role::client:
            break;
    }
    return "client";
}

std::optional<Role> parse_role_name(const std::string &name) {
    if (name == "client") {
        return Role::client;
    }
    if (name == "staff") {
        return Role::staff;
    }
    if (name == "admin") {
        return Role::admin;
    }
    return std::nullopt;
}

void require_admin(const Session &session) {
    if (!session.is_admin()) {
        throw_forbidden("this operation requires the admin role");
    }
}

void require_permission(const Session &session, Permission permission) {
    if (!session.may(permission)) {
        throw_forbidden(std::string("this operation requires the ") + permission_name(permission) +
                        " permission");
    }
}

PermissionSet effective_permissions(Role role, PermissionSet stored) {
    switch (role) {
        case Role::admin:
            return PermissionSet::all();
        case Role::staff:
            return stored;
        case Role::client:
            break;
    }
    return {};
}

}  // namespace libstore
