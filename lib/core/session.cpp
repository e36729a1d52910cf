#include "core/session.hpp"

#include "core/error.hpp"

namespace libstore {

const char *role_name(Role role) {
    return role == Role::admin ? "admin" : "client";
}

void require_admin(const Session &session) {
    if (!session.is_admin()) {
        throw_forbidden("this operation requires the admin role");
    }
}

}  // namespace libstore
