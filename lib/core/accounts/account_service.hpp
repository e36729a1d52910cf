// Accounts and authentication: registration, login with lockout, access tokens and sessions,
// profiles, and the admin's user management. Also the Authenticator every other service uses to
// re-check a session at the start of each call.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/accounts/email_tokens.hpp"
#include "core/accounts/session_tokens.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/database.hpp"
#include "core/ports/event_outbox.hpp"
#include "core/ports/mail_hook.hpp"
#include "core/ports/one_time_token_repository.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/password_hasher.hpp"
#include "core/ports/refresh_token_repository.hpp"
#include "core/ports/token_signer.hpp"
#include "core/ports/user_repository.hpp"
#include "core/value.hpp"

namespace libstore {

struct AccountPorts {
    UserRepository &users;
    RevokedTokenRepository &revoked_tokens;
    LoginFailureRepository &login_failures;
    PasswordHasher &hasher;
    TokenSigner &signer;
    Clock &clock;
    AuditTrail &audit;
    // Where a registration and its user.registered event are written together.
    Database &database;
    EventOutbox &events;
};

// The ports of refresh, password reset and email verification.
struct TokenPorts {
    RefreshTokenRepository &refresh_tokens;
    OneTimeTokenRepository &one_time_tokens;
    OpaqueTokens &opaque_tokens;
    MailHook &mail;
};

class AccountService final : public Authenticator {
  public:
    static constexpr int kMaxFailedLogins = 5;
    static constexpr std::int64_t kLockoutWindowMs = 15 * 60 * 1000;

    AccountService(AccountPorts ports, std::int64_t token_lifetime_seconds, TokenPorts tokens,
                   std::int64_t refresh_token_lifetime_seconds);

    // {username, email, password, name?, phone?, address?} -> the new client's user object.
    Value register_user(const Value &body);
    // The same for an admin account: an operator action, never reachable over HTTP.
    Value create_admin(const Value &body);

    // {username | email, password} -> {access_token, token_type, expires_in, refresh_token,
    // refresh_expires_in}; each login starts a token family.
    Value login(const Value &body);

    // Checks a token's signature and expiry (no database round trip); the account itself is
    // checked by every call made with the session.
    Session open_session(const std::string &access_token);
    Session recheck(const Session &session) override;

    // Revokes the session's token and ends its login: the login's refresh tokens and every
    // access token issued in it.
    void logout(const Session &session);
    Value me(const Session &session);
    Value update_me(const Session &session, const Value &changes);
    void delete_me(const Session &session);

    // Admins and staff holding manage_users. Staff (de)activate clients only; nobody
    // deactivates an admin this way (Error(forbidden)).
    Value list_users(const Session &session, const Value &query);
    Value set_user_active(const Session &session, const std::string &user_id, bool active);

    // Admin only. `body`: {role, permissions?}. The user's tokens die at once. Nobody changes
    // their own role (Error(forbidden)); the last active admin cannot be demoted
    // (Error(conflict, "role")).
    Value set_role(const Session &session, const std::string &user_id, const Value &body);
    // Tokens (account_tokens.cpp). {refresh_token} -> the login's shape; see SessionTokens.
    Value refresh(const Value &body);
    // {email}: mails a reset token to an active account with that address; answers the same
    // (nothing) whatever the address.
    void request_password_reset(const Value &body);
    // {token, password}: sets the password and ends every token of the account.
    void reset_password(const Value &body);
    // Mails a verification token to the caller's current address.
    void request_email_verification(const Session &session);
    // {token} -> the user, with email_verified true.
    Value verify_email(const Value &body);

  private:
    Value create_user(const Value &body, Role role);
    AccountState load_account(const Session &session);
    std::string login_failure_key(const Credentials &credentials, const User *user) const;
    // Burns the time a real verification takes, so unknown users answer as slowly as known ones.
    void verify_against_dummy(const std::string &password);

    AccountPorts ports_;
    TokenPorts tokens_;
    SessionTokens session_tokens_;
    EmailTokens email_tokens_;
    std::once_flag dummy_hash_once_;
    std::string dummy_hash_;
};

}  // namespace libstore
