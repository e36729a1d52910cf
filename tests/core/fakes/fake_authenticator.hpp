// An Authenticator for services other than accounts: it hands sessions back as they are, or
// refuses them as a revoked token would be, and counts the re-checks.
#pragma once

#include "core/accounts/authenticator.hpp"
#include "core/error.hpp"

namespace libstore::testing {

class FakeAuthenticator final : public Authenticator {
  public:
    Session recheck(const Session &session) override {
        ++rechecks;
        if (session.is_guest()) {
            throw_unauthenticated("a cart token only reaches its cart");
        }
        if (revoked) {
            throw_unauthenticated("token has been revoked");
        }
        return session;
    }

    bool revoked = false;
    int rechecks = 0;
};

inline Session admin_session() {
    Session session;
    session.user_id = "00000000000000000000a001";
    session.role = Role::admin;
    session.token_id = "admin-token";
    return session;
}

inline Session client_session() {
    Session session;
    session.user_id = "00000000000000000000c001";
    session.role = Role::client;
    session.token_id = "client-token";
    return session;
}

}  // namespace libstore::testing
