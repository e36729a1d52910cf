// Parsing and validation of account input: registration, credentials, profile changes, user
// queries. Field rules from API.md live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

struct Registration {
    std::string username;
    std::string email;
    std::string password;
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<std::string> address;
};

struct Credentials {
    std::string login;  // lower-cased username or email
    bool is_email = false;
    std::string password;
};

struct ProfileChanges {
    // Outer optional: field present. Inner optional (name/phone/address): null clears it.
    std::optional<std::optional<std::string>> name;
    std::optional<std::optional<std::string>> phone;
    std::optional<std::optional<std::string>> address;
    std::optional<std::string> email;
    std::optional<std::string> password;

    bool empty() const { return !name && !phone && !address && !email && !password; }
};

struct UserQuery {
    std::optional<std::string> username_lower;
    std::optional<std::string> email_lower;
    std::optional<Role> role;
    std::optional<bool> is_active;
    std::int64_t limit = 20;
    std::optional<std::string> after_id;  // from the cursor
};

struct PasswordResetConfirmation {
    std::string token;
    std::string password;  // the registration rules
};

Registration parse_registration(const Value &body);
Credentials parse_credentials(const Value &body);
ProfileChanges parse_profile_changes(const Value &body);
UserQuery parse_user_query(const Value &query);
// {refresh_token} -> the token.
std::string parse_refresh_request(const Value &body);
// {email} -> the address, lower-cased; any address-sized string (the answer never says more).
std::string parse_password_reset_request(const Value &body);
// {token, password}.
PasswordResetConfirmation parse_password_reset_confirmation(const Value &body);
// {token} -> the token.
std::string parse_email_verification(const Value &body);

}  // namespace libstore
