// The endpoints that are rate-limited per client address, as the library names them. A closed
// set: each action has its own count, and a host cannot invent counts of its own.
#pragma once

#include <string>

namespace libstore {

enum class RateLimitAction { login, register_account, refresh, password_reset };

// "login", "register", "refresh" or "password_reset"; throws Error(invalid_argument, "action")
// for any other name.
RateLimitAction parse_rate_limit_action(const std::string &name);
const char *rate_limit_action_name(RateLimitAction action);

}  // namespace libstore
