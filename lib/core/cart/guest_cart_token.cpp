#include "core/cart/guest_cart_token.hpp"

namespace libstore {

namespace {

bool is_base64url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

}  // namespace

bool is_cart_token(const std::string &token) {
    if (token.size() != kCartTokenLength) {
        return false;
    }
    for (char c : token) {
        if (!is_base64url(c)) {
            return false;
        }
    }
    return true;
}

std::string guest_cart_key(OpaqueTokens &tokens, const std::string &token) {
    return kGuestCartKeyPrefix + tokens.digest(token);
}

bool is_guest_cart_key(const std::string &key) {
    return key.rfind(kGuestCartKeyPrefix, 0) == 0;
}

}  // namespace libstore
