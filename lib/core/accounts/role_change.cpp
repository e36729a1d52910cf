#include "core/accounts/role_change.hpp"

#include "core/error.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

RoleChange parse_role_change(const Value &body) {
    ObjectReader reader(body, {"role", "permissions"});
    RoleChange change;
    std::string role = reader.required_string("role", {1, 16});
    auto parsed = parse_role_name(role);
    if (!parsed) {
        throw_invalid("role", "role must be 'client', 'staff' or 'admin'");
    }
    change.role = *parsed;
    const Value *permissions = reader.get("permissions");
    if (permissions == nullptr) {
        return change;
    }
    if (!permissions->is_array()) {
        throw_invalid("permissions", "permissions must be a list of permission names");
    }
    if (change.role != Role::staff && !permissions->as_array().empty()) {
        throw_invalid("permissions",
                      "permissions are given to staff only (an admin holds every "
                      "permission, a client none)");
    }
    for (const auto &item : permissions->as_array()) {
        if (!item.is_string()) {
            throw_invalid("permissions", "permissions must be a list of permission names");
        }
        auto permission = parse_permission(item.as_string());
        if (!permission) {
            throw_invalid("permissions",
                          "unknown permission (known: manage_catalog, manage_orders, "
                          "manage_users, view_audit)");
        }
        if (change.permissions.has(*permission)) {
            throw_invalid("permissions", std::string("permission ") + permission_name(*permission) +
                                             " is listed twice");
        }
        change.permissions.add(*permission);
    }
    return change;
}

std::string describe_role(Role role, PermissionSet permissions) {
    std::string text = role_name(role);
    if (role == Role::staff) {
        text += " [";
        bool first = true;
        for (const auto &name : permissions.names()) {
            text += (first ? "" : ", ") + name;
            first = false;
        }
        text += "]";
    }
    return text;
}

}  // namespace libstore
