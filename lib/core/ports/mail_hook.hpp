// Port: where the library hands the mail it wants sent (a password-reset or email-verification
// token). The library never sends mail itself; the host decides (a file, a queue, stderr).
#pragma once

#include "core/value.hpp"

namespace libstore {

class MailHook {
  public:
    virtual ~MailHook() = default;
    // `message`: {kind, to, token, created_at}. Called on the calling thread once the token is
    // stored. Must not throw: a hook that fails keeps its failure (the answer to the caller
    // does not depend on whether mail went out, or password reset would reveal accounts).
    virtual void send(const Value &message) = 0;
};

// No hook configured: messages are dropped.
class DroppedMail final : public MailHook {
  public:
    void send(const Value &) override {}
};

}  // namespace libstore
