#include "adapters/crypto/jwt_token_signer.hpp"

#include <jansson.h>
#include <sodium.h>

#include <memory>
#include <new>
#include <vector>

#include "adapters/crypto/sodium_runtime.hpp"

namespace libstore::crypto {

namespace {

constexpr std::size_t kMaxTokenBytes = 4096;
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
// Times are seconds since the epoch up to the end of year 9999: callers turn them into
// milliseconds, which must not overflow int64 whatever a (correctly signed) token says.
constexpr std::int64_t kMaxEpochSeconds = 253'402'300'799;

struct JsonDeleter {
    void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;

std::string base64url(const unsigned char *bytes, std::size_t length) {
    std::vector<char> out(sodium_base64_encoded_len(length, kBase64Variant));
    sodium_bin2base64(out.data(), out.size(), bytes, length, kBase64Variant);
    return out.data();
}

std::string base64url(const std::string &text) {
    return base64url(reinterpret_cast<const unsigned char *>(text.data()), text.size());
}

std::optional<std::string> from_base64url(const std::string &text) {
    std::vector<unsigned char> out(text.size() + 1);
    std::size_t length = 0;
    const char *end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                          kBase64Variant) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char *>(out.data()), length);
}

std::string dump(json_t *json) {
    char *text = json_dumps(json, JSON_COMPACT);
    if (text == nullptr) {
        throw std::bad_alloc();
    }
    std::string result(text);
    free(text);
    return result;
}

std::optional<std::string> string_member(json_t *object, const char *key) {
    json_t *member = json_object_get(object, key);
    if (!json_is_string(member)) {
        return std::nullopt;
    }
    return std::string(json_string_value(member), json_string_length(member));
}

std::optional<std::int64_t> integer_member(json_t *object, const char *key) {
    json_t *member = json_object_get(object, key);
    if (!json_is_integer(member)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(json_integer_value(member));
}

JsonPtr parse_object(const std::string &text) {
    JsonPtr json(json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES, nullptr));
    if (!json || !json_is_object(json.get())) {
        return nullptr;
    }
    return json;
}

}  // namespace

JwtTokenSigner::JwtTokenSigner(std::string secret) : secret_(std::move(secret)) {
    initialize_sodium_once();
}

std::string JwtTokenSigner::mac(const std::string &signing_input) const {
    crypto_auth_hmacsha256_state state;
    unsigned char digest[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(secret_.data()),
                                secret_.size());
    crypto_auth_hmacsha256_update(&state,
                                  reinterpret_cast<const unsigned char *>(signing_input.data()),
                                  signing_input.size());
    crypto_auth_hmacsha256_final(&state, digest);
    sodium_memzero(&state, sizeof state);
    return std::string(reinterpret_cast<const char *>(digest), sizeof digest);
}

std::string JwtTokenSigner::sign(const TokenClaims &claims) {
    JsonPtr header(json_pack("{s:s, s:s}", "alg", "HS256", "typ", "JWT"));
    JsonPtr payload(
        json_pack("{s:s, s:s, s:I, s:I, s:s, s:I}", "sub", claims.subject.c_str(), "role",
                  claims.role.c_str(), "iat", static_cast<json_int_t>(claims.issued_at), "exp",
                  static_cast<json_int_t>(claims.expires_at), "jti", claims.token_id.c_str(), "ver",
                  static_cast<json_int_t>(claims.token_version)));
    if (!header || !payload) {
        throw std::bad_alloc();
    }
    if (!claims.family_id.empty() &&
        json_object_set_new(payload.get(), "fid", json_string(claims.family_id.c_str())) != 0) {
        throw std::bad_alloc();
    }
    std::string signing_input =
        base64url(dump(header.get())) + "." + base64url(dump(payload.get()));
    std::string signature = mac(signing_input);
    return signing_input + "." +
           base64url(reinterpret_cast<const unsigned char *>(signature.data()), signature.size());
}

std::optional<TokenClaims> JwtTokenSigner::verify(const std::string &token) {
    if (token.size() > kMaxTokenBytes) {
        return std::nullopt;
    }
    auto first_dot = token.find('.');
    auto second_dot = first_dot == std::string::npos ? first_dot : token.find('.', first_dot + 1);
    if (second_dot == std::string::npos || token.find('.', second_dot + 1) != std::string::npos) {
        return std::nullopt;
    }
    std::string signing_input = token.substr(0, second_dot);
    auto signature = from_base64url(token.substr(second_dot + 1));
    if (!signature || signature->size() != crypto_auth_hmacsha256_BYTES) {
        return std::nullopt;
    }
    // Check the MAC before reading anything the token claims, in constant time.
    std::string expected = mac(signing_input);
    if (sodium_memcmp(expected.data(), signature->data(), expected.size()) != 0) {
        return std::nullopt;
    }
    auto header_text = from_base64url(token.substr(0, first_dot));
    auto payload_text = from_base64url(token.substr(first_dot + 1, second_dot - first_dot - 1));
    if (!header_text || !payload_text) {
        return std::nullopt;
    }
    JsonPtr header = parse_object(*header_text);
    JsonPtr payload = parse_object(*payload_text);
    if (!header || !payload || string_member(header.get(), "alg") != std::string("HS256")) {
        return std::nullopt;
    }
    TokenClaims claims;
    auto subject = string_member(payload.get(), "sub");
    auto role = string_member(payload.get(), "role");
    auto token_id = string_member(payload.get(), "jti");
    auto issued_at = integer_member(payload.get(), "iat");
    auto expires_at = integer_member(payload.get(), "exp");
    auto version = integer_member(payload.get(), "ver");
    if (!subject || !role || !token_id || !issued_at || !expires_at || !version) {
        return std::nullopt;
    }
    // "fid" is optional (tokens from before token families have none) but typed when present.
    json_t *family = json_object_get(payload.get(), "fid");
    if (family != nullptr && !json_is_string(family)) {
        return std::nullopt;
    }
    if (family != nullptr) {
        claims.family_id = std::string(json_string_value(family), json_string_length(family));
    }
    if (*issued_at < 0 || *issued_at > kMaxEpochSeconds || *expires_at < 0 ||
        *expires_at > kMaxEpochSeconds || *version < 0) {
        return std::nullopt;
    }
    claims.subject = *subject;
    claims.role = *role;
    claims.token_id = *token_id;
    claims.issued_at = *issued_at;
    claims.expires_at = *expires_at;
    claims.token_version = *version;
    return claims;
}

std::string JwtTokenSigner::new_token_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

}  // namespace libstore::crypto
