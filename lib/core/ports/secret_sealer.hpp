// Port: keeping webhook secrets so the deliverer can sign with them and a copy of the database
// alone cannot (libsodium secretbox under a key derived from the store's token secret).
#pragma once

#include <string>

namespace libstore {

class SecretSealer {
  public:
    virtual ~SecretSealer() = default;
    // Printable text that holds `secret` encrypted and authenticated (a fresh nonce each time).
    virtual std::string seal(const std::string &secret) = 0;
    // The secret back. Throws Error(internal) for text this store did not seal (another token
    // secret, or tampered).
    virtual std::string open(const std::string &sealed) = 0;
};

}  // namespace libstore
