// Port: the MAC webhook signatures are made with (HMAC-SHA256 over libsodium in production).
#pragma once

#include <string>

namespace libstore {

class MessageSigner {
  public:
    virtual ~MessageSigner() = default;
    // Lower-case hex of HMAC-SHA256(key, message); any key length.
    virtual std::string hmac_sha256_hex(const std::string &key, const std::string &message) = 0;
};

}  // namespace libstore
