#include "core/accounts/permissions.hpp"

namespace libstore {

const std::vector<Permission> &all_permissions() {
    static const std::vector<Permission> every = {Permission::manage_catalog,
                                                  Permission::manage_orders,
                                                  Permission::manage_users, Permission::view_audit};
    return every;
}

const char *permission_name(Permission permission) {
    switch (permission) {
        case Permission::manage_catalog:
            return "manage_catalog";
        case Permission::manage_orders:
            return "manage_orders";
        case Permission::manage_users:
            return "manage_users";
        case Permission::view_audit:
            return "view_audit";
    }
    return "";
}

std::optional<Permission> parse_permission(const std::string &name) {
    for (Permission permission : all_permissions()) {
        if (name == permission_name(permission)) {
            return permission;
        }
    }
    return std::nullopt;
}

PermissionSet PermissionSet::all() {
    PermissionSet every;
    for (Permission permission : all_permissions()) {
        every.add(permission);
    }
    return every;
}

std::vector<std::string> PermissionSet::names() const {
    std::vector<std::string> held;
    for (Permission permission : all_permissions()) {
        if (has(permission)) {
            held.emplace_back(permission_name(permission));
        }
    }
    return held;
}

}  // namespace libstore
