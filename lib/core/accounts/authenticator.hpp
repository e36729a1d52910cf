// Port-like interface the services use to re-check a session at the start of every call, so a
// logged-out token or a deactivated user is refused on the very next call. AccountService
// implements it; unit tests of other services may fake it.
#pragma once

#include "core/session.hpp"

namespace libstore {

class Authenticator {
  public:
    virtual ~Authenticator() = default;
    // The caller as of now (the role may have changed). Throws Error(unauthenticated) for a
    // revoked or outdated token or a deleted user, Error(forbidden) for a deactivated one.
    virtual Session recheck(const Session &session) = 0;
};

}  // namespace libstore
