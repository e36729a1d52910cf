#include "core/webhooks/webhook_signature.hpp"

namespace libstore {

std::string webhook_signature(MessageSigner &signer, const std::string &secret,
                              std::int64_t unix_seconds, const std::string &body) {
    std::string t = std::to_string(unix_seconds);
    return "t=" + t + ",v1=" + signer.hmac_sha256_hex(secret, t + "." + body);
}

}  // namespace libstore
