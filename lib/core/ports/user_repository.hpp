// Port: where user accounts are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/accounts/user.hpp"
#include "core/accounts/user_input.hpp"
#include "core/events/event_draft.hpp"
#include "core/ports/unit_of_work.hpp"

namespace libstore {

// A user and whether one particular token of theirs was revoked (by its id, or by the login it
// descends from): what every authenticated call needs to know, fetched together in one round trip.
struct AccountState {
    User user;
    bool token_revoked = false;
};

// Fields to change on an account; each optional is "leave as is" when empty.
struct AccountUpdate {
    std::optional<std::optional<std::string>> name;
    std::optional<std::optional<std::string>> phone;
    std::optional<std::optional<std::string>> address;
    std::optional<std::string> email;  // stored with its lower-cased twin for uniqueness
    std::optional<std::string> password_hash;
    bool bump_token_version = false;
    std::optional<bool> email_verified;
};

class UserRepository {
  public:
    virtual ~UserRepository() = default;

    // Stores a new user under `user.id` (token_version 0 is set here) with `outbox` in its
    // outbox (see ports/event_outbox.hpp), inside `work`, and returns it. Throws
    // Error(conflict, "username"|"email") when either is taken, compared case-insensitively.
    virtual User insert(UnitOfWork &work, const User &user, const EventDrafts &outbox) = 0;

    virtual std::optional<User> find_by_id(const std::string &id) = 0;
    // `login_lower` is a lower-cased username, or email when `is_email`.
    virtual std::optional<User> find_by_login(const std::string &login_lower, bool is_email) = 0;
    // `family_id` may be empty (tokens issued before families existed).
    virtual std::optional<AccountState> find_with_revocation(const std::string &id,
                                                             const std::string &token_id,
                                                             const std::string &family_id) = 0;

    // Applies `update` and returns the user as it is afterwards; nullopt when no such user.
    // Throws Error(conflict, "email") for an email another account has.
    virtual std::optional<User> update(const std::string &id, const AccountUpdate &update) = 0;

    // Sets is_active on the account if its role is still `expected_role` (and `audit_mark`, see
    // ports/audit_repository.hpp) and, when deactivating, bumps the token version. Returns the
    // user afterwards; nullopt when there is no such account with that role.
    virtual std::optional<User> set_active(const std::string &id, bool active, Role expected_role,
                                           const std::string &audit_mark) = 0;

    // Moves the account from role `from` to `to` with `permissions` (and `audit_mark`) and bumps
    // its token version, so the tokens carrying the old role die. Returns the user afterwards;
    // nullopt when there is no such account in role `from`.
    virtual std::optional<User> set_role(const std::string &id, Role from, Role to,
                                         PermissionSet permissions,
                                         const std::string &audit_mark) = 0;

    // How many admin accounts are active.
    virtual std::int64_t count_active_admins() = 0;

    // Sets email_verified when the account's address is still `email_lower` (the one a token was
    // mailed to), in one conditional step; the user afterwards, nullopt when no such match.
    virtual std::optional<User> set_email_verified(const std::string &id,
                                                   const std::string &email_lower) = 0;

    // Removes the account and what belongs only to it (its cart). False when no such user.
    virtual bool remove(const std::string &id) = 0;

    // Users matching the query's filters in id order after query.after_id, at most `limit`.
    virtual std::vector<User> list(const UserQuery &query, std::int64_t limit) = 0;
};

class RevokedTokenRepository {
  public:
    virtual ~RevokedTokenRepository() = default;
    // Records a token id as revoked until it would have expired anyway.
    virtual void revoke(const std::string &token_id, const std::string &user_id,
                        std::int64_t expires_at_ms) = 0;
    // Records a whole login (token family) as revoked: every access token carrying its id, and
    // every refresh token of it (even one stored after the revocation by a racing refresh; see
    // RefreshTokenRepository::find).
    virtual void revoke_family(const std::string &family_id, const std::string &user_id,
                               std::int64_t expires_at_ms) = 0;
};

class LoginFailureRepository {
  public:
    virtual ~LoginFailureRepository() = default;
    // Times (ms) of the account's failures at or after `since_ms`, oldest first, at most `limit`.
    virtual std::vector<std::int64_t> recent(const std::string &account, std::int64_t since_ms,
                                             int limit) = 0;
    virtual void record(const std::string &account, std::int64_t at_ms,
                        std::int64_t expires_at_ms) = 0;
    virtual void clear(const std::string &account) = 0;
};

}  // namespace libstore
