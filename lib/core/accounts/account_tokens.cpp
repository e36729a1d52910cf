// AccountService's token operations: refresh, password reset and email verification.
#include "core/accounts/account_service.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore {

Value AccountService::refresh(const Value &body) {
    return session_tokens_.refresh(parse_refresh_request(body));
}

void AccountService::request_password_reset(const Value &body) {
    std::string email_lower = parse_password_reset_request(body);
    auto user = ports_.users.find_by_login(email_lower, true);
    if (user && user->is_active) {
        email_tokens_.send(OneTimeTokenKind::password_reset, *user);
    } else {
        email_tokens_.send_nothing();
    }
}

void AccountService::reset_password(const Value &body) {
    PasswordResetConfirmation confirmation = parse_password_reset_confirmation(body);
    // Hashed before the token is redeemed: a reset refused for want of a hashing turn leaves the
    // token usable for the retry.
    std::string new_hash = ports_.hasher.hash(confirmation.password);
    OneTimeToken token = email_tokens_.redeem(OneTimeTokenKind::password_reset, confirmation.token);
    auto user = ports_.users.find_by_id(token.user_id);
    // The reset was mailed to an address: once the account has another one, or was
    // deactivated since, the token no longer speaks for it.
    if (!user || !user->is_active || fold_case(user->email) != token.email_lower) {
        throw_unusable_token();
    }
    AccountUpdate update;
    update.password_hash = std::move(new_hash);
    update.bump_token_version = true;
    if (!ports_.users.update(user->id, update)) {
        throw_unusable_token();
    }
    tokens_.one_time_tokens.remove_for_user(user->id, OneTimeTokenKind::password_reset);
}

void AccountService::request_email_verification(const Session &session) {
    AccountState state = load_account(session);
    email_tokens_.send(OneTimeTokenKind::verify_email, state.user);
}

Value AccountService::verify_email(const Value &body) {
    OneTimeToken token =
        email_tokens_.redeem(OneTimeTokenKind::verify_email, parse_email_verification(body));
    auto user = ports_.users.set_email_verified(token.user_id, token.email_lower);
    if (!user) {
        throw_unusable_token();
    }
    return user_value(*user);
}

}  // namespace libstore
