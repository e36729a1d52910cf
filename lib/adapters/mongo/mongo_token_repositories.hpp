// RefreshTokenRepository and OneTimeTokenRepository over MongoDB: collections refresh_tokens and
// one_time_tokens, each keyed by the token's digest and swept by a TTL index on expires_at.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/one_time_token_repository.hpp"
#include "core/ports/refresh_token_repository.hpp"

namespace libstore::mongo {

class MongoRefreshTokenRepository final : public RefreshTokenRepository {
  public:
    explicit MongoRefreshTokenRepository(std::shared_ptr<ClientPool> pool)
        : pool_(std::move(pool)) {}
    void insert(const RefreshToken &token) override;
    std::optional<RefreshTokenLookup> find(const std::string &digest) override;
    bool spend(const std::string &digest) override;
    void remove_family(const std::string &family_id) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

class MongoOneTimeTokenRepository final : public OneTimeTokenRepository {
  public:
    explicit MongoOneTimeTokenRepository(std::shared_ptr<ClientPool> pool)
        : pool_(std::move(pool)) {}
    void insert(const OneTimeToken &token) override;
    std::optional<OneTimeToken> consume(const std::string &digest, OneTimeTokenKind kind) override;
    void remove_for_user(const std::string &user_id, OneTimeTokenKind kind) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
