// Port: one-way password hashing (Argon2id via libsodium in production).
#pragma once

#include <string>

namespace libstore {

class PasswordHasher {
  public:
    virtual ~PasswordHasher() = default;
    virtual std::string hash(const std::string &password) = 0;
    // Constant-time with respect to the password; false for a malformed hash.
    virtual bool verify(const std::string &hash, const std::string &password) = 0;
    // True when `hash` was made with other parameters than the current ones.
    virtual bool needs_rehash(const std::string &hash) = 0;
};

}  // namespace libstore
