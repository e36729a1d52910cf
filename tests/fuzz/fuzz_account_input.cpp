// The account input parsers (lib/core/accounts/user_input.hpp, role_change.hpp and
// audit/audit_entry.hpp) behind store_register(), store_login(), store_session_update_me(),
// store_users_list(), store_user_set_role(), store_audit_list() and the token calls
// (store_refresh(), store_password_reset_request/confirm(), store_verify_email()): the rest of
// the input is JSON text parsed by the ABI's codec; the first byte picks the parser. Whatever is
// accepted must satisfy the rules API.md states, and everything else is invalid_argument naming a
// field.
#include <cstdint>
#include <string>

#include "adapters/json/json_codec.hpp"
#include "core/accounts/role_change.hpp"
#include "core/accounts/user_input.hpp"
#include "core/audit/audit_entry.hpp"
#include "core/object_id.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/text.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
using libstore::Value;
namespace fuzz = libstore::fuzz;

void check_text(const std::string &text, std::size_t min, std::size_t max, const char *what) {
    fuzz::check(libstore::is_clean_utf8(text), what, "not clean UTF-8");
    std::size_t length = libstore::utf8_length(text);
    fuzz::check(length >= min && length <= max, what, "length out of range: " + text);
}

void check_optional(const std::optional<std::string> &text, std::size_t min, std::size_t max,
                    const char *what) {
    if (text) {
        check_text(*text, min, max, what);
    }
}

bool username_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

void check_email(const std::string &email) {
    check_text(email, 3, 254, "email");
    auto at = email.find('@');
    fuzz::check(at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos,
                "email without exactly one '@'", email);
    fuzz::check(email.find('.', at) != std::string::npos, "email domain without a dot", email);
    for (char c : email) {
        fuzz::check(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f,
                    "email with a control, space or non-ASCII character", email);
    }
}

void check_registration(const libstore::Registration &r) {
    check_text(r.username, 3, 32, "username");
    for (char c : r.username) {
        fuzz::check(username_char(c), "username with a forbidden character", r.username);
    }
    check_email(r.email);
    check_text(r.password, 8, 128, "password");
    check_optional(r.name, 1, 100, "name");
    check_optional(r.phone, 3, 32, "phone");
    check_optional(r.address, 1, 500, "address");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    auto input = fuzz::split_input(data, size);
    Value body;
    if (!fuzz::expect_clean_failure({ErrorCode::invalid_argument, ErrorCode::too_large}, [&] {
            body = libstore::json::parse(input.text.c_str(), "body");
        })) {
        return 0;
    }
    const auto invalid = {ErrorCode::invalid_argument};
    switch (input.selector % 10) {
        case 0: {
            libstore::Registration registration;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { registration = libstore::parse_registration(body); })) {
                check_registration(registration);
            }
            break;
        }
        case 1: {
            libstore::Credentials credentials;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { credentials = libstore::parse_credentials(body); })) {
                check_text(credentials.login, 1, 254 * 2, "login");
                fuzz::check(credentials.login == libstore::fold_case(credentials.login),
                            "login is not case-folded", credentials.login);
                check_text(credentials.password, 1, 1024, "login password");
            }
            break;
        }
        case 2: {
            libstore::ProfileChanges changes;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { changes = libstore::parse_profile_changes(body); })) {
                fuzz::check(!changes.empty(), "empty profile change accepted");
                if (changes.email) {
                    check_email(*changes.email);
                }
                check_optional(changes.password, 8, 128, "new password");
                if (changes.name) {
                    check_optional(*changes.name, 1, 100, "name");
                }
                if (changes.phone) {
                    check_optional(*changes.phone, 3, 32, "phone");
                }
                if (changes.address) {
                    check_optional(*changes.address, 1, 500, "address");
                }
            }
            break;
        }
        case 3: {
            libstore::UserQuery query;
            if (fuzz::expect_clean_failure(invalid,
                                           [&] { query = libstore::parse_user_query(body); })) {
                fuzz::check(query.limit >= 1 && query.limit <= 100, "limit out of range");
                if (query.after_id) {
                    fuzz::check(libstore::is_object_id(*query.after_id), "cursor id not an id");
                }
            }
            break;
        }
        case 4: {
            libstore::RoleChange change;
            if (fuzz::expect_clean_failure(invalid,
                                           [&] { change = libstore::parse_role_change(body); })) {
                fuzz::check(change.role == libstore::Role::staff || change.permissions.empty(),
                            "permissions given to a client or an admin");
                auto names = change.permissions.names();
                fuzz::check(names.size() <= libstore::all_permissions().size(),
                            "more permissions than exist");
            }
            break;
        }
        case 5: {
            libstore::AuditQuery query;
            if (fuzz::expect_clean_failure(invalid,
                                           [&] { query = libstore::parse_audit_query(body); })) {
                fuzz::check(query.limit >= 1 && query.limit <= 100, "limit out of range");
                for (const auto *id : {&query.actor_id, &query.target_id, &query.before_id}) {
                    if (*id) {
                        fuzz::check(libstore::is_object_id(**id), "audit filter id not an id");
                    }
                }
                if (query.action) {
                    check_text(*query.action, 1, 64, "action");
                }
            }
            break;
        }
        case 6: {
            std::string token;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { token = libstore::parse_refresh_request(body); })) {
                check_text(token, 1, 256, "refresh token");
            }
            break;
        }
        case 7: {
            std::string email;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { email = libstore::parse_password_reset_request(body); })) {
                check_text(email, 1, 254 * 2, "reset email");
                fuzz::check(email == libstore::fold_case(email), "reset email not case-folded",
                            email);
            }
            break;
        }
        case 8: {
            libstore::PasswordResetConfirmation confirmation;
            if (fuzz::expect_clean_failure(invalid, [&] {
                    confirmation = libstore::parse_password_reset_confirmation(body);
                })) {
                check_text(confirmation.token, 1, 256, "reset token");
                check_text(confirmation.password, 8, 128, "reset password");
            }
            break;
        }
        case 9: {
            std::string token;
            if (fuzz::expect_clean_failure(
                    invalid, [&] { token = libstore::parse_email_verification(body); })) {
                check_text(token, 1, 256, "verification token");
            }
            break;
        }
    }
    return 0;
}
