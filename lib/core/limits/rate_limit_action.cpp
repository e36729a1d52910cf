#include "core/limits/rate_limit_action.hpp"

#include "core/error.hpp"

namespace libstore {

RateLimitAction parse_rate_limit_action(const std::string &name) {
    for (auto action : {RateLimitAction::login, RateLimitAction::register_account,
                        RateLimitAction::refresh, RateLimitAction::password_reset}) {
        if (name == rate_limit_action_name(action)) {
            return action;
        }
    }
    throw_invalid("action", "action must be 'login', 'register', 'refresh' or 'password_reset'");
}

const char *rate_limit_action_name(RateLimitAction action) {
    switch (action) {
        case RateLimitAction::register_account:
            return "register";
        case RateLimitAction::refresh:
            return "refresh";
        case RateLimitAction::password_reset:
            return "password_reset";
        case RateLimitAction::login:
            break;
    }
    return "login";
}

}  // namespace libstore
