#include "core/accounts/email_tokens.hpp"

#include "core/error.hpp"
#include "core/timestamp.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore {

namespace {

std::int64_t lifetime_ms(OneTimeTokenKind kind) {
    return kind == OneTimeTokenKind::verify_email ? EmailTokens::kVerifyEmailLifetimeMs
                                                  : EmailTokens::kPasswordResetLifetimeMs;
}

}  // namespace

void throw_unusable_token() {
    throw_invalid("token", "this token is unknown, used or expired");
}

void EmailTokens::send(OneTimeTokenKind kind, const User &user) {
    std::int64_t now = ports_.clock.now_ms();
    std::string token = ports_.opaque_tokens.generate();
    OneTimeToken stored;
    stored.digest = ports_.opaque_tokens.digest(token);
    stored.kind = kind;
    stored.user_id = user.id;
    stored.email_lower = fold_case(user.email);
    stored.created_at_ms = now;
    stored.expires_at_ms = now + lifetime_ms(kind);
    ports_.tokens.insert(stored);

    Value message = Value::object();
    message.set("kind", one_time_token_kind_name(kind))
        .set("to", user.email)
        .set("token", token)
        .set("created_at", format_rfc3339(now));
    ports_.mail.send(message);
}

void EmailTokens::send_nothing() {
    ports_.opaque_tokens.digest(ports_.opaque_tokens.generate());
}

OneTimeToken EmailTokens::redeem(OneTimeTokenKind kind, const std::string &token) {
    auto stored = ports_.tokens.consume(ports_.opaque_tokens.digest(token), kind);
    // The store's expiry sweep is lazy: an expired token may still be there.
    if (!stored || stored->expires_at_ms <= ports_.clock.now_ms()) {
        throw_unusable_token();
    }
    return *stored;
}

}  // namespace libstore
