// Single-use tokens mailed to an account's address: password reset and email verification. Each
// is stored as a digest, bound to the account and to the address it went to, and handed to the
// mail hook once stored.
#pragma once

#include <cstdint>
#include <string>

#include "core/accounts/user.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/mail_hook.hpp"
#include "core/ports/one_time_token_repository.hpp"
#include "core/ports/opaque_tokens.hpp"

namespace libstore {

struct EmailTokenPorts {
    OneTimeTokenRepository &tokens;
    OpaqueTokens &opaque_tokens;
    MailHook &mail;
    Clock &clock;
};

class EmailTokens {
  public:
    static constexpr std::int64_t kPasswordResetLifetimeMs = 30 * 60 * 1000;
    static constexpr std::int64_t kVerifyEmailLifetimeMs = 24 * 3600 * 1000;

    explicit EmailTokens(EmailTokenPorts ports) : ports_(ports) {}

    // Stores a token of `kind` for the user's current address and mails it there.
    void send(OneTimeTokenKind kind, const User &user);
    // The work of send() that does not depend on an account, for requests naming none, so
    // both answer in similar time.
    void send_nothing();
    // Uses up the token presented. Unknown, used, expired or of another kind -> invalid
    // argument, field "token".
    OneTimeToken redeem(OneTimeTokenKind kind, const std::string &token);

  private:
    EmailTokenPorts ports_;
};

// The error of a token that cannot be redeemed, whatever the reason (never says which).
[[noreturn]] void throw_unusable_token();

}  // namespace libstore
