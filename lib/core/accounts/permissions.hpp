// What a staff user may do (API.md "Roles and permissions"). Admins hold every permission;
// clients hold none; a staff user holds the set an admin gave them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace libstore {

enum class Permission : std::uint32_t {
    manage_catalog = 1U << 0,  // categories, products (and later variants, images, vouchers)
    manage_orders = 1U << 1,   // see every order, move statuses, cancel any order
    manage_users = 1U << 2,    // list users, (de)activate clients
    view_audit = 1U << 3,      // read the audit log
};

// A set of permissions as bits of Permission.
class PermissionSet {
  public:
    PermissionSet() = default;
    static PermissionSet all();

    bool has(Permission permission) const {
        return (bits_ & static_cast<std::uint32_t>(permission)) != 0;
    }
    void add(Permission permission) { bits_ |= static_cast<std::uint32_t>(permission); }
    bool empty() const { return bits_ == 0; }
    bool operator==(const PermissionSet &other) const { return bits_ == other.bits_; }
    bool operator!=(const PermissionSet &other) const { return bits_ != other.bits_; }

    // The names of the permissions held, in the order API.md lists them.
    std::vector<std::string> names() const;

  private:
    std::uint32_t bits_ = 0;
};

const char *permission_name(Permission permission);
std::optional<Permission> parse_permission(const std::string &name);

// Every permission, in the order API.md lists them.
const std::vector<Permission> &all_permissions();

}  // namespace libstore
