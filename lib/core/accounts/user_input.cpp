#include "core/accounts/user_input.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/page_cursor.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

constexpr TextLimits kUsernameLimits{3, 32};
constexpr TextLimits kPasswordLimits{8, 128};
constexpr TextLimits kEmailLimits{3, 254};
constexpr TextLimits kNameLimits{1, 100};
constexpr TextLimits kPhoneLimits{3, 32};
constexpr TextLimits kAddressLimits{1, 500};
// Login accepts whatever was typed, within reason; rules are for registration.
constexpr TextLimits kLoginLimits{1, 254};
constexpr TextLimits kLoginPasswordLimits{1, 1024};
// Tokens the library issued are 43 characters; anything longer is no token of ours.
constexpr TextLimits kOpaqueTokenLimits{1, 256};

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string checked_username(const std::string &username) {
    bool ok = std::all_of(username.begin(), username.end(),
                          [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; });
    if (!ok) {
        throw_invalid("username", "username may contain only letters, digits, '_', '.' and '-'");
    }
    return username;
}

// A pragmatic address check: one '@', a plausible local part, and a dotted domain of DNS labels.
std::string checked_email(const std::string &email) {
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos ||
        at > 64) {
        throw_invalid("email", "email must be a valid address");
    }
    std::string local = email.substr(0, at);
    std::string domain = email.substr(at + 1);
    const std::string local_specials = "!#$%&'*+/=?^_`{|}~.-";
    for (char c : local) {
        if (!is_alnum(c) && local_specials.find(c) == std::string::npos) {
            throw_invalid("email", "email must be a valid address");
        }
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) {
        throw_invalid("email", "email must be a valid address");
    }
    std::size_t start = 0;
    int labels = 0;
    while (true) {
        std::size_t dot = domain.find('.', start);
        std::string label = domain.substr(start, dot == std::string::npos ? dot : dot - start);
        bool label_ok =
            !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
            std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
        if (!label_ok) {
            throw_invalid("email", "email must be a valid address");
        }
        ++labels;
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    if (labels < 2) {
        throw_invalid("email", "email must be a valid address");
    }
    return email;
}

std::string checked_phone(const std::string &phone) {
    bool ok = std::all_of(phone.begin(), phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' ||
               c == '.';
    });
    if (!ok) {
        throw_invalid("phone", "phone may contain only digits, spaces and + - ( ) .");
    }
    return phone;
}

// Present-and-null clears an optional profile field; present-and-string sets it.
std::optional<std::optional<std::string>> profile_field(const Value &body, const char *field,
                                                        TextLimits limits) {
    const Value *value = body.find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_null()) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(checked_text(*value, field, limits));
}

}  // namespace

Registration parse_registration(const Value &body) {
    ObjectReader reader(body, {"username", "email", "password", "name", "phone", "address"});
    Registration registration;
    registration.username = checked_username(reader.required_string("username", kUsernameLimits));
    registration.email = checked_email(reader.required_string("email", kEmailLimits));
    registration.password = reader.required_string("password", kPasswordLimits);
    registration.name = reader.optional_string("name", kNameLimits);
    if (auto phone = reader.optional_string("phone", kPhoneLimits)) {
        registration.phone = checked_phone(*phone);
    }
    registration.address = reader.optional_string("address", kAddressLimits);
    return registration;
}

Credentials parse_credentials(const Value &body) {
    ObjectReader reader(body, {"username", "email", "password"});
    auto username = reader.optional_string("username", kLoginLimits);
    auto email = reader.optional_string("email", kLoginLimits);
    if (username && email) {
        throw_invalid("email", "give either username or email, not both");
    }
    if (!username && !email) {
        throw_invalid("username", "username or email is required");
    }
    Credentials credentials;
    credentials.is_email = email.has_value();
    credentials.login = fold_case(email ? *email : *username);
    credentials.password = reader.required_string("password", kLoginPasswordLimits);
    return credentials;
}

ProfileChanges parse_profile_changes(const Value &body) {
    ObjectReader reader(body, {"name", "phone", "address", "email", "password"});
    ProfileChanges changes;
    changes.name = profile_field(body, "name", kNameLimits);
    changes.phone = profile_field(body, "phone", kPhoneLimits);
    if (changes.phone && *changes.phone) {
        checked_phone(**changes.phone);
    }
    changes.address = profile_field(body, "address", kAddressLimits);
    if (auto email = reader.optional_string("email", kEmailLimits)) {
        changes.email = checked_email(*email);
    }
    changes.password = reader.optional_string("password", kPasswordLimits);
    if (changes.empty()) {
        throw_invalid("", "no changes given");
    }
    return changes;
}

UserQuery parse_user_query(const Value &query) {
    ObjectReader reader(query, {"username", "email", "role", "is_active", "limit", "cursor"});
    UserQuery parsed;
    if (auto username = reader.optional_string("username", kLoginLimits)) {
        parsed.username_lower = fold_case(*username);
    }
    if (auto email = reader.optional_string("email", kLoginLimits)) {
        parsed.email_lower = fold_case(*email);
    }
    if (auto role = reader.optional_string("role", {1, 16})) {
        parsed.role = parse_role_name(*role);
        if (!parsed.role) {
            throw_invalid("role", "role must be 'client', 'staff' or 'admin'");
        }
    }
    parsed.is_active = reader.query_bool("is_active");
    parsed.limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 4096})) {
        auto parts = decode_page_cursor(*cursor, 1);
        if (!is_object_id(parts[0])) {
            throw_invalid("cursor", "cursor is malformed or expired");
        }
        parsed.after_id = parts[0];
    }
    return parsed;
}

std::string parse_refresh_request(const Value &body) {
    ObjectReader reader(body, {"refresh_token"});
    return reader.required_string("refresh_token", kOpaqueTokenLimits);
}

std::string parse_password_reset_request(const Value &body) {
    ObjectReader reader(body, {"email"});
    return fold_case(reader.required_string("email", kLoginLimits));
}

PasswordResetConfirmation parse_password_reset_confirmation(const Value &body) {
    ObjectReader reader(body, {"token", "password"});
    PasswordResetConfirmation confirmation;
    confirmation.token = reader.required_string("token", kOpaqueTokenLimits);
    confirmation.password = reader.required_string("password", kPasswordLimits);
    return confirmation;
}

std::string parse_email_verification(const Value &body) {
    ObjectReader reader(body, {"token"});
    return reader.required_string("token", kOpaqueTokenLimits);
}

}  // namespace libstore
