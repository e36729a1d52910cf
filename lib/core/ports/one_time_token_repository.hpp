// Port: where single-use tokens mailed to users (password reset, email verification) are kept,
// by digest only, each bound to the account and the address it was sent to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace libstore {

enum class OneTimeTokenKind { password_reset, verify_email };

// "password_reset" | "verify_email": the kind as mail messages and storage name it.
inline const char *one_time_token_kind_name(OneTimeTokenKind kind) {
    return kind == OneTimeTokenKind::verify_email ? "verify_email" : "password_reset";
}

struct OneTimeToken {
    std::string digest;
    OneTimeTokenKind kind = OneTimeTokenKind::password_reset;
    std::string user_id;
    std::string email_lower;  // the address it was mailed to, case-folded
    std::int64_t created_at_ms = 0;
    std::int64_t expires_at_ms = 0;
};

class OneTimeTokenRepository {
  public:
    virtual ~OneTimeTokenRepository() = default;
    virtual void insert(const OneTimeToken &token) = 0;
    // Uses up the unused token of `kind` with this digest in one conditional step and returns
    // it (expired ones too: expiry is the caller's to check, the store sweeps lazily). nullopt
    // when unknown, of another kind, or used already; of two callers, at most one gets it.
    virtual std::optional<OneTimeToken> consume(const std::string &digest,
                                                OneTimeTokenKind kind) = 0;
    // Removes the account's unused tokens of `kind` (a reset password ends the other resets).
    virtual void remove_for_user(const std::string &user_id, OneTimeTokenKind kind) = 0;
};

}  // namespace libstore
