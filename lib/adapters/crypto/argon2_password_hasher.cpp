#include "adapters/crypto/argon2_password_hasher.hpp"

#include <sodium.h>

#include <new>

#include "adapters/crypto/sodium_runtime.hpp"

namespace libstore::crypto {

Argon2PasswordHasher::Argon2PasswordHasher(PasswordCost cost) {
    initialize_sodium_once();
    switch (cost) {
        case PasswordCost::interactive:
            ops_limit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
            mem_limit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
            break;
        case PasswordCost::moderate:
            ops_limit_ = crypto_pwhash_OPSLIMIT_MODERATE;
            mem_limit_ = crypto_pwhash_MEMLIMIT_MODERATE;
            break;
        case PasswordCost::minimum:
            ops_limit_ = crypto_pwhash_OPSLIMIT_MIN;
            mem_limit_ = crypto_pwhash_MEMLIMIT_MIN;
            break;
    }
}

std::string Argon2PasswordHasher::hash(const std::string &password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit_, mem_limit_,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        // The only failure is running out of memory for the Argon2 working set.
        throw std::bad_alloc();
    }
    return out;
}

bool Argon2PasswordHasher::verify(const std::string &hash, const std::string &password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool Argon2PasswordHasher::needs_rehash(const std::string &hash) {
    return crypto_pwhash_str_needs_rehash(hash.c_str(), ops_limit_, mem_limit_) != 0;
}

}  // namespace libstore::crypto
