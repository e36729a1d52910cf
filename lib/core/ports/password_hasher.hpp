// Port: one-way password hashing (Argon2id via libsodium in production).
#pragma once

#include <functional>
#include <string>
#include <utility>

namespace libstore {

// A thread's turn at hashing, taken ahead of its hashes (PasswordHasher::take_turn); given back
// when destroyed. An empty turn gives back nothing.
class HashingTurn {
  public:
    HashingTurn() = default;
    explicit HashingTurn(std::function<void()> give_back) : give_back_(std::move(give_back)) {}
    HashingTurn(HashingTurn &&other) noexcept : give_back_(std::exchange(other.give_back_, {})) {}
    HashingTurn &operator=(HashingTurn &&other) noexcept {
        if (this != &other) {
            end();
            give_back_ = std::exchange(other.give_back_, {});
        }
        return *this;
    }
    HashingTurn(const HashingTurn &) = delete;
    HashingTurn &operator=(const HashingTurn &) = delete;
    ~HashingTurn() { end(); }

  private:
    void end() {
        if (give_back_) {
            std::exchange(give_back_, {})();
        }
    }
    std::function<void()> give_back_;
};

class PasswordHasher {
  public:
    virtual ~PasswordHasher() = default;
    virtual std::string hash(const std::string &password) = 0;
    // Constant-time with respect to the password; false for a malformed hash.
    virtual bool verify(const std::string &hash, const std::string &password) = 0;
    // True when `hash` was made with other parameters than the current ones.
    virtual bool needs_rehash(const std::string &hash) = 0;
    // For a hasher that bounds how many hash at once (core/accounts/bounded_password_hasher.hpp):
    // takes the calling thread's turn now, so the hashes it does while the turn lives wait for
    // nothing, and a call that cannot have one is refused before it does any other work. Throws
    // what hash() would throw for want of a turn. Unbounded hashers hand out empty turns.
    virtual HashingTurn take_turn() { return HashingTurn(); }
};

}  // namespace libstore
