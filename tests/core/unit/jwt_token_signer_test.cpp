// The token signer accepts only its own HS256 signatures.
#include <gtest/gtest.h>

#include <sodium.h>

#include "adapters/crypto/jwt_token_signer.hpp"

namespace libstore::crypto {
namespace {

TokenClaims sample_claims() {
    TokenClaims claims;
    claims.subject = "0123456789abcdef01234567";
    claims.role = "client";
    claims.issued_at = 1'790'000'000;
    claims.expires_at = 1'790'000'900;
    claims.token_id = "f00dfeed";
    claims.token_version = 3;
    return claims;
}

std::string b64(const std::string &text) {
    std::vector<char> out(
        sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char *>(text.data()),
                      text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out.data();
}

TEST(JwtTokenSigner, RoundTripsClaims) {
    JwtTokenSigner signer(std::string(32, 'k'));
    auto claims = signer.verify(signer.sign(sample_claims()));
    ASSERT_TRUE(claims.has_value());
    EXPECT_EQ(claims->subject, "0123456789abcdef01234567");
    EXPECT_EQ(claims->role, "client");
    EXPECT_EQ(claims->expires_at, 1'790'000'900);
    EXPECT_EQ(claims->token_id, "f00dfeed");
    EXPECT_EQ(claims->token_version, 3);
}

TEST(JwtTokenSigner, RefusesAnotherKey) {
    JwtTokenSigner signer(std::string(32, 'k'));
    JwtTokenSigner other(std::string(32, 'o'));
    EXPECT_FALSE(other.verify(signer.sign(sample_claims())).has_value());
}

TEST(JwtTokenSigner, RefusesChangedPayload) {
    JwtTokenSigner signer(std::string(32, 'k'));
    std::string token = signer.sign(sample_claims());
    auto first = token.find('.');
    auto second = token.find('.', first + 1);
    std::string forged_payload = b64(
        R"({"sub":"0123456789abcdef01234567","role":"admin","iat":1790000000,"exp":1790000900,"jti":"f00dfeed","ver":3})");
    std::string forged = token.substr(0, first + 1) + forged_payload + token.substr(second);
    EXPECT_FALSE(signer.verify(forged).has_value());
}

TEST(JwtTokenSigner, RefusesAlgNone) {
    JwtTokenSigner signer(std::string(32, 'k'));
    std::string header = b64(R"({"alg":"none","typ":"JWT"})");
    std::string payload = b64(
        R"({"sub":"0123456789abcdef01234567","role":"admin","iat":1790000000,"exp":9999999999,"jti":"x","ver":0})");
    EXPECT_FALSE(signer.verify(header + "." + payload + ".").has_value());
    EXPECT_FALSE(signer.verify(header + "." + payload).has_value());
}

TEST(JwtTokenSigner, RefusesOtherAlgorithmEvenWithAValidMac) {
    // A token signed with our key but declaring another algorithm is still refused.
    JwtTokenSigner signer(std::string(32, 'k'));
    std::string token = signer.sign(sample_claims());
    EXPECT_TRUE(signer.verify(token).has_value());
    std::string header = b64(R"({"alg":"HS512","typ":"JWT"})");
    std::string rest = token.substr(token.find('.'));
    EXPECT_FALSE(signer.verify(header + rest).has_value());
}

TEST(JwtTokenSigner, RefusesMalformedTokens) {
    JwtTokenSigner signer(std::string(32, 'k'));
    for (const char *token : {"", ".", "..", "a.b.c", "a.b.c.d", "!!.??.**"}) {
        EXPECT_FALSE(signer.verify(token).has_value()) << token;
    }
    EXPECT_FALSE(signer.verify(std::string(10000, 'a')).has_value());
}

TEST(JwtTokenSigner, TokenIdsAreFreshAndHex) {
    JwtTokenSigner signer(std::string(32, 'k'));
    std::string a = signer.new_token_id();
    std::string b = signer.new_token_id();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace libstore::crypto
