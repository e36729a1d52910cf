// A guest's cart token and the key its cart is stored under. The token is what
// OpaqueTokens::generate() makes (256 random bits, 43 base64url characters) and is shown only to
// the guest; the cart is stored under "guest:<digest of the token>", so a copy of the database
// holds no usable token, and a guest cart's key (a string) can never be taken for a user's
// (an ObjectId).
#pragma once

#include <string>

#include "core/ports/opaque_tokens.hpp"

namespace libstore {

inline constexpr std::size_t kCartTokenLength = 43;
inline constexpr const char *kGuestCartKeyPrefix = "guest:";

// Whether `token` has the shape of a cart token (it may still name no cart).
bool is_cart_token(const std::string &token);

// The key of the cart `token` names; the caller has checked is_cart_token().
std::string guest_cart_key(OpaqueTokens &tokens, const std::string &token);

// Whether a cart key is a guest cart's rather than a user's id.
bool is_guest_cart_key(const std::string &key);

}  // namespace libstore
