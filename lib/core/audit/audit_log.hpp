// Reading the audit log (GET /audit): admins and staff holding view_audit.
#pragma once

#include "core/accounts/authenticator.hpp"
#include "core/ports/audit_repository.hpp"
#include "core/value.hpp"

namespace libstore {

class AuditLog {
  public:
    AuditLog(AuditRepository &entries, Authenticator &authenticator)
        : entries_(entries), authenticator_(authenticator) {}

    // {actor_id?, action?, target_id?, limit?, cursor?} -> {"items": [entry...], "next_cursor"},
    // newest first. Error(forbidden) without view_audit.
    Value list(const Session &session, const Value &query);

  private:
    AuditRepository &entries_;
    Authenticator &authenticator_;
};

}  // namespace libstore
