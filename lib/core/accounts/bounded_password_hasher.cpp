#include "core/accounts/bounded_password_hasher.hpp"

#include "core/error.hpp"

namespace libstore {

namespace {

// The hasher whose turn the calling thread holds, if any: its hashes take no second slot (a
// second one could deadlock a limit of 1 against itself).
thread_local const BoundedPasswordHasher *turn_holder = nullptr;

}  // namespace

BoundedPasswordHasher::BoundedPasswordHasher(std::unique_ptr<PasswordHasher> hasher,
                                             std::int32_t limit, std::chrono::milliseconds wait)
    : hasher_(std::move(hasher)), limit_(limit), wait_(wait) {}

HashingTurn BoundedPasswordHasher::take_turn() {
    if (turn_holder == this) {
        return HashingTurn();
    }
    if (!limit_.acquire(wait_)) {
        throw Error(ErrorCode::rate_limited, "password",
                    "too many passwords are being checked right now; try again in 1 second", 1);
    }
    turn_holder = this;
    return HashingTurn([this] {
        turn_holder = nullptr;
        limit_.release();
    });
}

std::string BoundedPasswordHasher::hash(const std::string &password) {
    HashingTurn turn = take_turn();
    return hasher_->hash(password);
}

bool BoundedPasswordHasher::verify(const std::string &hash, const std::string &password) {
    HashingTurn turn = take_turn();
    return hasher_->verify(hash, password);
}

bool BoundedPasswordHasher::needs_rehash(const std::string &hash) {
    return hasher_->needs_rehash(hash);
}

Value BoundedPasswordHasher::stats() const {
    ConcurrencyLimit::Counts counts = limit_.counts();
    return Value::object()
        .set("limit", counts.limit)
        .set("in_use", counts.in_use)
        .set("waiting", counts.waiting)
        .set("refused", counts.refused);
}

}  // namespace libstore
