#include "core/accounts/user.hpp"

#include "core/timestamp.hpp"

namespace libstore {

namespace {

Value optional_text(const std::optional<std::string> &text) {
    return text ? Value(*text) : Value(nullptr);
}

Value permission_list(PermissionSet permissions) {
    Value::Array names;
    for (auto &name : permissions.names()) {
        names.emplace_back(std::move(name));
    }
    return Value(std::move(names));
}

}  // namespace

Value user_value(const User &user) {
    Value value = Value::object();
    value.set("id", user.id)
        .set("username", user.username)
        .set("email", user.email)
        .set("name", optional_text(user.name))
        .set("phone", optional_text(user.phone))
        .set("address", optional_text(user.address))
        .set("role", role_name(user.role))
        .set("permissions", permission_list(effective_permissions(user.role, user.permissions)))
        .set("is_active", user.is_active)
        .set("email_verified", user.email_verified)
        .set("created_at", format_rfc3339(user.created_at_ms));
    return value;
}

}  // namespace libstore
