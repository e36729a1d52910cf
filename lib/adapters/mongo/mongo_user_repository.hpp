// UserRepository, RevokedTokenRepository and LoginFailureRepository over MongoDB.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/user_repository.hpp"

namespace libstore::mongo {

class MongoUserRepository final : public UserRepository {
  public:
    explicit MongoUserRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    User insert(UnitOfWork &work, const User &user, const EventDrafts &outbox) override;
    std::optional<User> find_by_id(const std::string &id) override;
    std::optional<User> find_by_login(const std::string &login_lower, bool is_email) override;
    std::optional<AccountState> find_with_revocation(const std::string &id,
                                                     const std::string &token_id,
                                                     const std::string &family_id) override;
    std::optional<User> update(const std::string &id, const AccountUpdate &update) override;
    std::optional<User> set_active(const std::string &id, bool active, Role expected_role,
                                   const std::string &audit_mark) override;
    std::optional<User> set_role(const std::string &id, Role from, Role to,
                                 PermissionSet permissions, const std::string &audit_mark) override;
    std::int64_t count_active_admins() override;
    std::optional<User> set_email_verified(const std::string &id,
                                           const std::string &email_lower) override;
    bool remove(const std::string &id) override;
    std::vector<User> list(const UserQuery &query, std::int64_t limit) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

class MongoRevokedTokenRepository final : public RevokedTokenRepository {
  public:
    explicit MongoRevokedTokenRepository(std::shared_ptr<ClientPool> pool)
        : pool_(std::move(pool)) {}
    void revoke(const std::string &token_id, const std::string &user_id,
                std::int64_t expires_at_ms) override;
    void revoke_family(const std::string &family_id, const std::string &user_id,
                       std::int64_t expires_at_ms) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

class MongoLoginFailureRepository final : public LoginFailureRepository {
  public:
    explicit MongoLoginFailureRepository(std::shared_ptr<ClientPool> pool)
        : pool_(std::move(pool)) {}
    std::vector<std::int64_t> recent(const std::string &account, std::int64_t since_ms,
                                     int limit) override;
    void record(const std::string &account, std::int64_t at_ms,
                std::int64_t expires_at_ms) override;
    void clear(const std::string &account) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
