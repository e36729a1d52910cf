#include "core/accounts/account_service.hpp"

#include "core/accounts/role_change.hpp"
#include "core/error.hpp"
#include "core/events/account_events.hpp"
#include "core/events/new_event_id.hpp"
#include "core/object_id.hpp"
#include "core/page_cursor.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore {

namespace {

constexpr const char *kBadCredentials = "invalid username, email or password";

Role parse_role(const std::string &name) {
    auto role = parse_role_name(name);
    if (!role) {
        throw_unauthenticated("invalid access token");
    }
    return *role;
}

}  // namespace

AccountService::AccountService(AccountPorts ports, std::int64_t token_lifetime_seconds,
                               TokenPorts tokens, std::int64_t refresh_token_lifetime_seconds)
    : ports_(ports),
      tokens_(tokens),
      session_tokens_(SessionTokenPorts{ports.users, ports.revoked_tokens, tokens.refresh_tokens,
                                        ports.signer, tokens.opaque_tokens, ports.clock},
                      TokenLifetimes{token_lifetime_seconds, refresh_token_lifetime_seconds}),
      email_tokens_(EmailTokenPorts{tokens.one_time_tokens, tokens.opaque_tokens, tokens.mail,
                                    ports.clock}) {}

Value AccountService::register_user(const Value &body) {
    return create_user(body, Role::client);
}

Value AccountService::create_admin(const Value &body) {
    return create_user(body, Role::admin);
}

Value AccountService::create_user(const Value &body, Role role) {
    Registration registration = parse_registration(body);
    User user;
    user.username = registration.username;
    user.email = registration.email;
    user.name = registration.name;
    user.phone = registration.phone;
    user.address = registration.address;
    user.role = role;
    user.is_active = true;
    user.created_at_ms = ports_.clock.now_ms();
    user.password_hash = ports_.hasher.hash(registration.password);
    user.id = new_event_id(user.created_at_ms);  // the event names the account it announces
    EventDrafts drafts{user_registered_event(user)};
    User stored;
    ports_.database.run_all_or_nothing([&](UnitOfWork &work) {
        stored = ports_.users.insert(work, user, drafts);
        ports_.events.relay(work, OutboxHolder::user, stored.id, drafts);
    });
    return user_value(stored);
}

std::string AccountService::login_failure_key(const Credentials &credentials,
                                              const User *user) const {
    // Failures count per account however the user names it; unknown names are limited too, so
    // the answers never reveal whether an account exists.
    if (user != nullptr) {
        return "user:" + user->id;
    }
    return (credentials.is_email ? "email:" : "username:") + credentials.login;
}

void AccountService::verify_against_dummy(const std::string &password) {
    std::call_once(dummy_hash_once_, [this] {
        dummy_hash_ = ports_.hasher.hash("libstore dummy password for timing");
    });
    ports_.hasher.verify(dummy_hash_, password);
}

Value AccountService::login(const Value &body) {
    Credentials credentials = parse_credentials(body);
    // Before any round trip: a login refused for want of a turn costs the database nothing,
    // and one that has its turn verifies (and rehashes) without waiting again.
    HashingTurn turn = ports_.hasher.take_turn();
    std::optional<User> user = ports_.users.find_by_login(credentials.login, credentials.is_email);
    std::string key = login_failure_key(credentials, user ? &*user : nullptr);

    std::int64_t now = ports_.clock.now_ms();
    auto failures = ports_.login_failures.recent(key, now - kLockoutWindowMs, kMaxFailedLogins);
    if (static_cast<int>(failures.size()) >= kMaxFailedLogins) {
        std::int64_t retry_ms = failures.front() + kLockoutWindowMs - now;
        auto retry_seconds = static_cast<std::int32_t>((retry_ms + 999) / 1000);
        throw Error(
            ErrorCode::rate_limited, "",
            "too many failed logins; try again in " + std::to_string(retry_seconds) + " seconds",
            retry_seconds < 1 ? 1 : retry_seconds);
    }

    bool password_ok;
    if (user) {
        password_ok = ports_.hasher.verify(user->password_hash, credentials.password);
    } else {
        verify_against_dummy(credentials.password);
        password_ok = false;
    }
    if (!password_ok) {
        ports_.login_failures.record(key, now, now + kLockoutWindowMs);
        throw_unauthenticated(kBadCredentials);
    }
    if (!user->is_active) {
        throw_forbidden("this account is deactivated");
    }
    if (ports_.hasher.needs_rehash(user->password_hash)) {
        AccountUpdate update;
        update.password_hash = ports_.hasher.hash(credentials.password);
        ports_.users.update(user->id, update);
    }
    turn = HashingTurn();  // the rest hashes nothing: free the turn for the next login
    if (!failures.empty()) {
        ports_.login_failures.clear(key);
    }

    return session_tokens_.start(*user);
}

Session AccountService::open_session(const std::string &access_token) {
    auto claims = ports_.signer.verify(access_token);
    if (!claims || !is_object_id(claims->subject) || claims->token_id.empty()) {
        throw_unauthenticated("invalid access token");
    }
    if (claims->expires_at * 1000 <= ports_.clock.now_ms()) {
        throw_unauthenticated("access token expired");
    }
    Session session;
    session.user_id = claims->subject;
    session.role = parse_role(claims->role);
    session.token_id = claims->token_id;
    session.token_version = claims->token_version;
    session.token_expires_at_ms = claims->expires_at * 1000;
    session.family_id = claims->family_id;
    return session;
}

AccountState AccountService::load_account(const Session &session) {
    if (session.is_guest()) {
        throw_unauthenticated("a cart token only reaches its cart; log in for this");
    }
    if (session.token_expires_at_ms <= ports_.clock.now_ms()) {
        throw_unauthenticated("access token expired");
    }
    auto state =
        ports_.users.find_with_revocation(session.user_id, session.token_id, session.family_id);
    if (!state) {
        throw_unauthenticated("this account no longer exists");
    }
    if (state->token_revoked) {
        throw_unauthenticated("access token was revoked (logged out)");
    }
    if (!state->user.is_active) {
        throw_forbidden("this account is deactivated");
    }
    if (state->user.token_version != session.token_version) {
        throw_unauthenticated("access token is no longer valid; log in again");
    }
    return *state;
}

Session AccountService::recheck(const Session &session) {
    AccountState state = load_account(session);
    Session current = session;
    current.role = state.user.role;
    current.permissions = effective_permissions(state.user.role, state.user.permissions);
    return current;
}

void AccountService::logout(const Session &session) {
    load_account(session);
    ports_.revoked_tokens.revoke(session.token_id, session.user_id, session.token_expires_at_ms);
    if (!session.family_id.empty()) {
        session_tokens_.end_family(session.family_id, session.user_id);
    }
}

Value AccountService::me(const Session &session) {
    return user_value(load_account(session).user);
}

Value AccountService::update_me(const Session &session, const Value &changes) {
    ProfileChanges parsed = parse_profile_changes(changes);
    HashingTurn turn = parsed.password ? ports_.hasher.take_turn() : HashingTurn();
    AccountState state = load_account(session);
    AccountUpdate update;
    update.name = parsed.name;
    update.phone = parsed.phone;
    update.address = parsed.address;
    update.email = parsed.email;
    // A verification proves the address it was sent to, not the one that replaces it.
    if (parsed.email && fold_case(*parsed.email) != fold_case(state.user.email)) {
        update.email_verified = false;
    }
    if (parsed.password) {
        update.password_hash = ports_.hasher.hash(*parsed.password);
        update.bump_token_version = true;
    }
    auto user = ports_.users.update(session.user_id, update);
    if (!user) {
        throw_unauthenticated("this account no longer exists");
    }
    return user_value(*user);
}

void AccountService::delete_me(const Session &session) {
    load_account(session);
    if (!ports_.users.remove(session.user_id)) {
        throw_unauthenticated("this account no longer exists");
    }
}

Value AccountService::list_users(const Session &session, const Value &query) {
    require_permission(recheck(session), Permission::manage_users);
    UserQuery parsed = parse_user_query(query);
    auto users = ports_.users.list(parsed, parsed.limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(users.size()) > parsed.limit) {
        users.resize(static_cast<std::size_t>(parsed.limit));
        next_cursor = encode_page_cursor({users.back().id});
    }
    Value::Array items;
    items.reserve(users.size());
    for (const auto &user : users) {
        items.push_back(user_value(user));
    }
    return page_value(std::move(items), next_cursor);
}

Value AccountService::set_user_active(const Session &session, const std::string &user_id,
                                      bool active) {
    Session caller = recheck(session);
    require_permission(caller, Permission::manage_users);
    require_object_id(user_id, "user");
    auto target = ports_.users.find_by_id(user_id);
    if (!target) {
        throw_not_found("user not found");
    }
    if (target->role == Role::admin) {
        if (!active) {
            throw_forbidden("an admin account cannot be deactivated");
        }
        return user_value(*target);
    }
    if (target->role == Role::staff && !caller.is_admin()) {
        throw_forbidden("staff accounts are activated and deactivated by admins only");
    }
    std::optional<User> updated;
    const char *action = active ? "user.activate" : "user.deactivate";
    ports_.audit.record(caller, {action, "user", user_id, active ? "activated" : "deactivated"},
                        [&](const std::string &mark, AuditSubject &) {
                            updated = ports_.users.set_active(user_id, active, target->role, mark);
                            if (!updated) {
                                throw_conflict("", "the user's role changed meanwhile; try again");
                            }
                        });
    return user_value(*updated);
}

Value AccountService::set_role(const Session &session, const std::string &user_id,
                               const Value &body) {
    Session caller = recheck(session);
    require_admin(caller);
    require_object_id(user_id, "user");
    RoleChange change = parse_role_change(body);
    if (user_id == caller.user_id) {
        throw_forbidden("nobody changes their own role; ask another admin");
    }
    auto target = ports_.users.find_by_id(user_id);
    if (!target) {
        throw_not_found("user not found");
    }
    std::string summary = describe_role(target->role, target->permissions) + " -> " +
                          describe_role(change.role, change.permissions);
    std::optional<User> updated;
    ports_.audit.record(
        caller, {"user.role", "user", user_id, summary},
        [&](const std::string &mark, AuditSubject &) {
            updated =
                ports_.users.set_role(user_id, target->role, change.role, change.permissions, mark);
            if (!updated) {
                throw_conflict("role", "the user's role changed meanwhile; try again");
            }
            // Counted after the write, so that two admins demoting each other at once cannot
            // both succeed: whichever counts last sees the other's demotion.
            if (target->role == Role::admin && change.role != Role::admin &&
                ports_.users.count_active_admins() == 0) {
                ports_.users.set_role(user_id, change.role, Role::admin, target->permissions, "");
                throw_conflict("role", "the last active admin cannot be demoted");
            }
        });
    return user_value(*updated);
}

}  // namespace libstore
