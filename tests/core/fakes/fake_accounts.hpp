// In-memory fakes of the accounts ports, with the same contracts as the MongoDB adapters
// (case-insensitive uniqueness, token versions, revocations).
#pragma once

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "core/ports/password_hasher.hpp"
#include "core/ports/user_repository.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::testing {

class FakeUserRepository final : public UserRepository {
  public:
    // The outbox each account was stored with, by user id.
    std::map<std::string, EventDrafts> outboxes;

    User insert(UnitOfWork &, const User &user, const EventDrafts &outbox) override {
        for (const auto &[id, existing] : users_) {
            if (fold_case(existing.username) == fold_case(user.username)) {
                throw_conflict("username", "username is already taken");
            }
            if (fold_case(existing.email) == fold_case(user.email)) {
                throw_conflict("email", "email is already taken");
            }
        }
        User stored = user;
        if (stored.id.empty()) {
            char id[25];
            std::snprintf(id, sizeof id, "%024x", ++next_id_);
            stored.id = id;
        }
        stored.token_version = 0;
        users_[stored.id] = stored;
        outboxes[stored.id] = outbox;
        return stored;
    }

    std::optional<User> find_by_id(const std::string &id) override {
        auto it = users_.find(id);
        return it == users_.end() ? std::nullopt : std::optional<User>(it->second);
    }

    std::optional<User> find_by_login(const std::string &login_lower, bool is_email) override {
        for (const auto &[id, user] : users_) {
            if (fold_case(is_email ? user.email : user.username) == login_lower) {
                return user;
            }
        }
        return std::nullopt;
    }

    std::optional<AccountState> find_with_revocation(const std::string &id,
                                                     const std::string &token_id,
                                                     const std::string &family_id) override {
        ++account_checks;
        auto user = find_by_id(id);
        if (!user) {
            return std::nullopt;
        }
        bool family_revoked = !family_id.empty() && revoked_families.count(family_id) > 0;
        return AccountState{*user, revoked.count(token_id) > 0 || family_revoked};
    }

    std::optional<User> update(const std::string &id, const AccountUpdate &update) override {
        auto it = users_.find(id);
        if (it == users_.end()) {
            return std::nullopt;
        }
        if (update.email) {
            for (const auto &[other_id, other] : users_) {
                if (other_id != id && fold_case(other.email) == fold_case(*update.email)) {
                    throw_conflict("email", "email is already taken");
                }
            }
            it->second.email = *update.email;
        }
        if (update.name)
            it->second.name = *update.name;
        if (update.phone)
            it->second.phone = *update.phone;
        if (update.address)
            it->second.address = *update.address;
        if (update.password_hash)
            it->second.password_hash = *update.password_hash;
        if (update.bump_token_version)
            ++it->second.token_version;
        if (update.email_verified)
            it->second.email_verified = *update.email_verified;
        return it->second;
    }

    std::optional<User> set_email_verified(const std::string &id,
                                           const std::string &email_lower) override {
        auto it = users_.find(id);
        if (it == users_.end() || fold_case(it->second.email) != email_lower) {
            return std::nullopt;
        }
        it->second.email_verified = true;
        return it->second;
    }

    std::optional<User> set_active(const std::string &id, bool active, Role expected_role,
                                   const std::string &) override {
        auto it = users_.find(id);
        if (it == users_.end() || it->second.role != expected_role) {
            return std::nullopt;
        }
        it->second.is_active = active;
        if (!active) {
            ++it->second.token_version;
        }
        return it->second;
    }

    std::optional<User> set_role(const std::string &id, Role from, Role to,
                                 PermissionSet permissions, const std::string &) override {
        auto it = users_.find(id);
        if (it == users_.end() || it->second.role != from) {
            return std::nullopt;
        }
        it->second.role = to;
        it->second.permissions = permissions;
        ++it->second.token_version;
        User after = it->second;
        if (after_set_role) {
            after_set_role();  // e.g. a racing change made by another process
        }
        return after;
    }

    std::int64_t count_active_admins() override {
        return std::count_if(users_.begin(), users_.end(), [](const auto &entry) {
            return entry.second.role == Role::admin && entry.second.is_active;
        });
    }

    bool remove(const std::string &id) override { return users_.erase(id) > 0; }

    std::vector<User> list(const UserQuery &query, std::int64_t limit) override {
        std::vector<User> result;
        for (const auto &[id, user] : users_) {
            if (query.after_id && id <= *query.after_id)
                continue;
            if (query.username_lower && fold_case(user.username) != *query.username_lower)
                continue;
            if (query.email_lower && fold_case(user.email) != *query.email_lower)
                continue;
            if (query.role && user.role != *query.role)
                continue;
            if (query.is_active && user.is_active != *query.is_active)
                continue;
            if (static_cast<std::int64_t>(result.size()) == limit)
                break;
            result.push_back(user);
        }
        return result;
    }

    std::map<std::string, std::int64_t> revoked;  // token id -> expiry, shared with the fake below
    std::function<void()> after_set_role;
    std::map<std::string, std::int64_t> revoked_families;  // family id -> expiry, likewise
    int account_checks = 0;

  private:
    std::map<std::string, User> users_;
    unsigned next_id_ = 0;
};

class FakeRevokedTokenRepository final : public RevokedTokenRepository {
  public:
    explicit FakeRevokedTokenRepository(FakeUserRepository &users) : users_(users) {}
    void revoke(const std::string &token_id, const std::string &,
                std::int64_t expires_at_ms) override {
        users_.revoked[token_id] = expires_at_ms;
    }
    void revoke_family(const std::string &family_id, const std::string &,
                       std::int64_t expires_at_ms) override {
        users_.revoked_families[family_id] = expires_at_ms;
    }

  private:
    FakeUserRepository &users_;
};

class FakeLoginFailureRepository final : public LoginFailureRepository {
  public:
    std::vector<std::int64_t> recent(const std::string &account, std::int64_t since_ms,
                                     int limit) override {
        std::vector<std::int64_t> times;
        for (auto at : failures_[account]) {
            if (at >= since_ms)
                times.push_back(at);
        }
        if (static_cast<int>(times.size()) > limit) {
            times.erase(times.begin(), times.end() - limit);
        }
        return times;
    }
    void record(const std::string &account, std::int64_t at_ms, std::int64_t) override {
        failures_[account].push_back(at_ms);
    }
    void clear(const std::string &account) override { failures_.erase(account); }

  private:
    std::map<std::string, std::vector<std::int64_t>> failures_;
};

// Reversible "hashing" that records which parameters made a hash, so rehash-on-login can be
// observed: hashes made before `upgrade()` need rehashing afterwards.
class FakePasswordHasher final : public PasswordHasher {
  public:
    std::string hash(const std::string &password) override {
        refuse_when_busy();
        ++hashes;
        return "v" + std::to_string(version_) + ":" + password;
    }
    bool verify(const std::string &hash, const std::string &password) override {
        refuse_when_busy();
        ++verifications;
        auto colon = hash.find(':');
        return colon != std::string::npos && hash.substr(colon + 1) == password;
    }
    bool needs_rehash(const std::string &hash) override {
        return hash.rfind("v" + std::to_string(version_) + ":", 0) != 0;
    }
    void upgrade() { ++version_; }
    HashingTurn take_turn() override {
        refuse_when_busy();
        ++turns;
        return HashingTurn();
    }

    int hashes = 0;
    int verifications = 0;
    int turns = 0;
    // Refuses every hash and turn as BoundedPasswordHasher does when its limit is reached.
    bool busy = false;

  private:
    void refuse_when_busy() const {
        if (busy) {
            throw Error(ErrorCode::rate_limited, "password", "busy", 1);
        }
    }
    int version_ = 1;
};

}  // namespace libstore::testing
