// The PasswordHasher every store hashes through: another hasher (Argon2id) behind a
// ConcurrencyLimit. Each hash costs its full working set (64 MiB at the interactive cost) and a
// core for its duration, so at most `limit` run at once; a caller that finds them all busy
// waits at most `wait`, then is refused with Error(rate_limited, "password", retry after 1 s):
// a flood of logins costs memory by the limit, not by the number of connections, and is
// answered quickly with 429 instead of queueing until everyone's requests time out.
//
// A thread that took its turn (take_turn()) hashes under it as often as it likes: a login takes
// one before it reads anything, and verifies and rehashes under it.
#pragma once

#include <chrono>
#include <memory>

#include "core/limits/concurrency_limit.hpp"
#include "core/ports/password_hasher.hpp"
#include "core/value.hpp"

namespace libstore {

class BoundedPasswordHasher : public PasswordHasher {
  public:
    BoundedPasswordHasher(std::unique_ptr<PasswordHasher> hasher, std::int32_t limit,
                          std::chrono::milliseconds wait);

    std::string hash(const std::string &password) override;
    bool verify(const std::string &hash, const std::string &password) override;
    // Not bounded: it reads the hash's parameters and hashes nothing.
    bool needs_rehash(const std::string &hash) override;
    HashingTurn take_turn() override;

    // {"limit": n, "in_use": n, "waiting": n, "refused": n} (refused counts since the start).
    Value stats() const;

  private:
    std::unique_ptr<PasswordHasher> hasher_;
    ConcurrencyLimit limit_;
    std::chrono::milliseconds wait_;
};

}  // namespace libstore
