// The access-token verifier (JwtTokenSigner::verify with a fixed key) and the session it opens
// (AccountService::open_session). Four modes, picked by the first byte:
//   0  the rest is a token as a caller would send it: refused unless it carries our own HS256 MAC
//      (checked here independently with libsodium);
//   1  the rest is "<header JSON>\n<payload JSON>", signed here with the real key: whatever the
//      JSON says, verify and open_session answer cleanly (this reaches the code behind the MAC);
//   2  claims made from the bytes are signed, must verify unchanged, and every forgery of that
//      token — alg none, another key, a changed payload or header, a cut or padded signature —
//      is refused;
//   3  the same token, expired or not yet valid, against the session clock.
#include <jansson.h>
#include <sodium.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fakes/fake_audit.hpp"
#include "adapters/crypto/jwt_token_signer.hpp"
#include "core/accounts/account_service.hpp"
#include "core/object_id.hpp"
#include "fakes/fake_accounts.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_events.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
using libstore::TokenClaims;
namespace fuzz = libstore::fuzz;

const std::string kKey = "fuzz-secret-0123456789abcdef0123456789abcdef";
const std::string kOtherKey = "another-secret-0123456789abcdef0123456789ab";
constexpr std::int64_t kNowMs = 1'790'000'000'000;

std::string b64(const std::string &bytes) {
    std::vector<char> out(
        sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char *>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out.data();
}

std::optional<std::string> unb64(const std::string &text) {
    std::vector<unsigned char> out(text.size() + 1);
    std::size_t length = 0;
    const char *end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char *>(out.data()), length);
}

std::string hmac(const std::string &key, const std::string &input) {
    unsigned char digest[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.data()),
                                  input.size());
    crypto_auth_hmacsha256_final(&state, digest);
    return std::string(reinterpret_cast<const char *>(digest), sizeof digest);
}

std::string signed_token(const std::string &key, const std::string &header,
                         const std::string &payload) {
    std::string input = b64(header) + "." + b64(payload);
    return input + "." + b64(hmac(key, input));
}

// The oracle for an accepted token, computed without the verifier: three segments, a valid
// HMAC-SHA256 of the first two under our key, and a header object whose alg is "HS256".
bool independently_valid(const std::string &token) {
    auto first = token.find('.');
    auto second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) {
        return false;
    }
    auto signature = unb64(token.substr(second + 1));
    if (!signature || *signature != hmac(kKey, token.substr(0, second))) {
        return false;
    }
    auto header = unb64(token.substr(0, first));
    if (!header) {
        return false;
    }
    json_t *parsed = json_loadb(header->data(), header->size(), 0, nullptr);
    bool ok = parsed != nullptr && json_is_string(json_object_get(parsed, "alg")) &&
              std::string(json_string_value(json_object_get(parsed, "alg"))) == "HS256";
    json_decref(parsed);
    return ok;
}

struct Harness {
    libstore::crypto::JwtTokenSigner signer{kKey};
    libstore::crypto::JwtTokenSigner other_signer{kOtherKey};
    libstore::testing::FakeUserRepository users;
    libstore::testing::FakeRevokedTokenRepository revoked{users};
    libstore::testing::FakeLoginFailureRepository failures;
    libstore::testing::FakePasswordHasher hasher;
    libstore::testing::ManualClock clock{kNowMs};
    libstore::testing::FakeAuditRepository audit_entries;
    libstore::AuditTrail audit{audit_entries, clock};
    libstore::testing::FakeRefreshTokenRepository refresh_tokens{users};
    libstore::testing::FakeOneTimeTokenRepository one_time_tokens;
    libstore::testing::FakeOpaqueTokens opaque_tokens;
    libstore::DroppedMail mail;
    libstore::testing::FakeDatabase database;
    libstore::testing::FakeEventStore events;
    libstore::AccountService accounts{
        libstore::AccountPorts{users, revoked, failures, hasher, signer, clock, audit, database,
                               events},
        900, libstore::TokenPorts{refresh_tokens, one_time_tokens, opaque_tokens, mail}, 2592000};

    // open_session either refuses with unauthenticated or yields a sane, unexpired session.
    void open(const std::string &token, bool must_succeed = false) {
        libstore::Session session;
        bool opened = fuzz::expect_clean_failure({ErrorCode::unauthenticated},
                                                 [&] { session = accounts.open_session(token); });
        if (must_succeed) {
            fuzz::check(opened, "a valid token did not open a session", token);
        }
        if (opened) {
            fuzz::check(independently_valid(token), "session opened from a token we did not sign",
                        token);
            fuzz::check(libstore::is_object_id(session.user_id), "session user id not an id");
            fuzz::check(session.token_expires_at_ms > kNowMs, "session opened past its expiry");
            fuzz::check(!session.token_id.empty(), "session without token id");
        }
    }
};

Harness &harness() {
    static Harness instance;
    return instance;
}

std::string hex_of(const std::string &bytes, std::size_t length) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        auto byte = static_cast<unsigned char>(i < bytes.size() ? bytes[i] : 0);
        out += digits[(byte >> (4 * (i % 2))) & 0x0F];
    }
    return out;
}

std::int64_t number_of(const std::string &bytes, std::size_t offset) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        n = (n << 8) |
            static_cast<unsigned char>(offset + i < bytes.size() ? bytes[offset + i] : 0);
    }
    return static_cast<std::int64_t>(n);
}

TokenClaims claims_from(const std::string &bytes) {
    TokenClaims claims;
    claims.subject = hex_of(bytes, 24);
    claims.role = bytes.size() > 1 && (bytes[1] & 1) ? "admin" : "client";
    claims.token_id = hex_of(bytes.size() > 3 ? bytes.substr(3) : bytes, 32);
    claims.issued_at = kNowMs / 1000 - 10;
    claims.expires_at = kNowMs / 1000 + 1 + (number_of(bytes, 4) & 0xFFFFF);
    claims.token_version = number_of(bytes, 12) & 0x7FFFFFFF;
    return claims;
}

void check_forgeries_refused(Harness &h, const std::string &token, const std::string &bytes) {
    auto first = token.find('.');
    auto second = token.find('.', first + 1);
    std::string header = token.substr(0, first);
    std::string payload = token.substr(first + 1, second - first - 1);
    std::string signature = token.substr(second + 1);
    std::string payload_json = *unb64(payload);

    std::vector<std::string> forged = {
        b64(R"({"alg":"none","typ":"JWT"})") + "." + payload + ".",
        b64(R"({"alg":"none","typ":"JWT"})") + "." + payload,
        b64(R"({"alg":"none"})") + "." + payload + "." + signature,
        b64(R"({"alg":"HS512","typ":"JWT"})") + "." + payload + "." + signature,
        signed_token(kKey, R"({"alg":"none","typ":"JWT"})", payload_json),
        signed_token(kKey, R"({"typ":"JWT"})", payload_json),
        signed_token(kKey, R"({"alg":"hs256","typ":"JWT"})", payload_json),
        h.other_signer.sign(claims_from(bytes)),
        header + "." + payload + "." + signature.substr(0, signature.size() - 1),
        header + "." + payload + "." + signature + "A",
        header + "." + payload + "." + signature + "." + signature,
        header + "." + payload + ".",
        header + "." + payload,
        token + " ",
        " " + token,
    };
    // A changed payload (one character flipped, chosen by the input) keeps the old signature.
    if (!payload.empty()) {
        std::string changed = payload;
        std::size_t at = static_cast<unsigned char>(bytes.empty() ? 0 : bytes[0]) % changed.size();
        changed[at] = changed[at] == 'A' ? 'B' : 'A';
        if (changed != payload) {
            forged.push_back(header + "." + changed + "." + signature);
        }
    }
    // A payload with admin rights spliced in under the original signature.
    std::string escalated = payload_json;
    auto role = escalated.find("\"client\"");
    if (role != std::string::npos) {
        escalated.replace(role, 8, "\"admin\"");
        forged.push_back(header + "." + b64(escalated) + "." + signature);
    }
    for (const auto &candidate : forged) {
        fuzz::check(!h.signer.verify(candidate).has_value(), "forged token accepted", candidate);
        h.open(candidate);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    Harness &h = harness();
    auto input = fuzz::split_input(data, size);
    switch (input.selector % 4) {
        case 0: {
            auto claims = h.signer.verify(input.text);
            if (claims) {
                fuzz::check(independently_valid(input.text), "verify accepted a forged token",
                            input.text);
            }
            h.open(input.text);
            break;
        }
        case 1: {
            auto newline = input.text.find('\n');
            std::string header = input.text.substr(0, newline);
            std::string payload =
                newline == std::string::npos ? std::string() : input.text.substr(newline + 1);
            std::string token = signed_token(kKey, header, payload);
            auto claims = h.signer.verify(token);
            if (claims) {
                fuzz::check(independently_valid(token), "verify accepted a token without HS256");
            }
            h.open(token);
            break;
        }
        case 2: {
            TokenClaims claims = claims_from(input.text);
            std::string token = h.signer.sign(claims);
            auto verified = h.signer.verify(token);
            fuzz::check(verified.has_value(), "our own token does not verify", token);
            fuzz::check(verified->subject == claims.subject && verified->role == claims.role &&
                            verified->token_id == claims.token_id &&
                            verified->issued_at == claims.issued_at &&
                            verified->expires_at == claims.expires_at &&
                            verified->token_version == claims.token_version,
                        "claims changed in a round trip", token);
            h.open(token, true);
            check_forgeries_refused(h, token, input.text);
            break;
        }
        case 3: {
            TokenClaims claims = claims_from(input.text);
            // Expired by up to a day, or exactly now: both are refused.
            claims.expires_at = kNowMs / 1000 - (number_of(input.text, 20) & 0xFFFF);
            std::string token = h.signer.sign(claims);
            fuzz::check(h.signer.verify(token).has_value(), "expiry is the caller's to check");
            bool opened = fuzz::expect_clean_failure({ErrorCode::unauthenticated},
                                                     [&] { h.accounts.open_session(token); });
            fuzz::check(!opened, "an expired token opened a session", token);
            break;
        }
    }
    return 0;
}
