// PasswordHasher over libsodium's Argon2id (crypto_pwhash_str).
#pragma once

#include <cstddef>

#include "core/ports/password_hasher.hpp"
#include "core/store_config.hpp"

namespace libstore::crypto {

class Argon2PasswordHasher final : public PasswordHasher {
  public:
    explicit Argon2PasswordHasher(PasswordCost cost);

    std::string hash(const std::string &password) override;
    bool verify(const std::string &hash, const std::string &password) override;
    bool needs_rehash(const std::string &hash) override;

  private:
    unsigned long long ops_limit_;
    std::size_t mem_limit_;
};

}  // namespace libstore::crypto
