// What a store is opened with. The C ABI fills it from store_options_t, Python from keyword
// arguments; validate() holds the rules for both.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

enum class PasswordCost { interactive, moderate, minimum };

struct StoreConfig {
    std::string uri;
    std::string database = "libstore";
    std::string token_secret;
    std::int64_t token_lifetime_seconds = 900;
    PasswordCost password_cost = PasswordCost::interactive;
    std::int32_t server_selection_timeout_ms = 5000;

    static constexpr std::size_t kMinTokenSecretLength = 32;

    // Throws Error(invalid_argument) naming the first bad option.
    void validate() const;
};

}  // namespace libstore
