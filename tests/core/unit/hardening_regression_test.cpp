// Regression tests for what fuzzing and the abuse suites found (tests/fuzz, tests/http/
// test_abuse.py, tests/capi/abuse_test.c): each case failed before its fix.
#include <gtest/gtest.h>

#include <sodium.h>

#include <string>
#include <vector>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "adapters/json/json_codec.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/validation/text.hpp"

namespace libstore {
namespace {

std::string b64(const std::string &text) {
    std::vector<char> out(
        sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char *>(text.data()),
                      text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out.data();
}

// A token over arbitrary JSON, correctly signed with `key`.
std::string signed_token(const std::string &key, const std::string &payload) {
    std::string input = b64(R"({"alg":"HS256","typ":"JWT"})") + "." + b64(payload);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.data()),
                                  input.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return input + "." + b64(std::string(reinterpret_cast<const char *>(mac), sizeof mac));
}

// fuzz_json_codec: jansson quotes raw input bytes in its messages, and those went into
// store_error_t.message as invalid UTF-8.
TEST(HardeningRegression, JsonErrorMessagesAreCleanUtf8) {
    for (const char *text : {"[\"\\\xd5\"]", "\x01", "{\"a\":\xff}", "[\"\xe2\x82\"", "\x7f"}) {
        try {
            json::parse(text, "body");
            FAIL() << "parsed: " << text;
        } catch (const Error &error) {
            EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
            EXPECT_TRUE(is_clean_utf8(error.what())) << error.what();
            for (const char *c = error.what(); *c != '\0'; ++c) {
                EXPECT_GE(static_cast<unsigned char>(*c), 0x20) << error.what();
            }
        }
    }
}

// fuzz_jwt: a correctly signed token with an enormous "exp" overflowed int64 when the session
// turned it into milliseconds (undefined behaviour). Such claims are not well-formed.
TEST(HardeningRegression, TokensWithImpossibleTimesAreRefused) {
    const std::string key(32, 'k');
    crypto::JwtTokenSigner signer(key);
    auto claims = [](const std::string &iat, const std::string &exp, const std::string &ver) {
        return R"({"sub":"0123456789abcdef01234567","role":"admin","iat":)" + iat + R"(,"exp":)" +
               exp + R"(,"jti":"x","ver":)" + ver + "}";
    };
    EXPECT_TRUE(signer.verify(signed_token(key, claims("1790000000", "1790000900", "0"))));
    EXPECT_FALSE(signer.verify(signed_token(key, claims("0", "9223372036854775807", "0"))));
    EXPECT_FALSE(signer.verify(signed_token(key, claims("0", "9223372036854776", "0"))));
    EXPECT_FALSE(signer.verify(signed_token(key, claims("-1", "1790000900", "0"))));
    EXPECT_FALSE(signer.verify(signed_token(key, claims("0", "-9223372036854775807", "0"))));
    EXPECT_FALSE(signer.verify(signed_token(key, claims("0", "1790000900", "-1"))));
}

// test_abuse.py: a price with more than two decimals within 1e-6 of a cent was silently
// rounded (19.990000001 became 19.99) instead of refused.
TEST(HardeningRegression, PricesWithMoreThanTwoDecimalsAreRefusedHoweverClose) {
    for (double price : {19.990000001, 0.010000001, 5.0000001, 9999999.991}) {
        EXPECT_THROW(parse_money(Value(price), "price"), Error) << price;
    }
    // What binary floating point makes of two-decimal amounts still parses exactly.
    EXPECT_EQ(parse_money(Value(19.99), "price"), 1999);
    EXPECT_EQ(parse_money(Value(0.1 + 0.2), "price"), 30);
    EXPECT_EQ(parse_money(Value(19.99 * 3), "price"), 5997);
    EXPECT_EQ(parse_money(Value(9999999.99), "price"), 999999999);
    EXPECT_EQ(parse_money(Value(0.01), "price"), 1);
}

}  // namespace
}  // namespace libstore
