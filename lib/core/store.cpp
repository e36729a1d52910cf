#include "core/store.hpp"

#include "core/error.hpp"

namespace libstore {

Store::Store(StoreConfig config, StorePorts ports)
    : config_(std::move(config)), ports_(std::move(ports)) {
    accounts_ = std::make_unique<AccountService>(
        AccountPorts{*ports_.users, *ports_.revoked_tokens, *ports_.login_failures,
                     *ports_.password_hasher, *ports_.token_signer, *ports_.clock},
        config_.token_lifetime_seconds);
}

Store::~Store() = default;

void Store::ping() {
    ports_.database->ping();
}

bool Store::try_prepare() {
    try {
        ports_.database->ensure_schema();
        return true;
    } catch (const Error &error) {
        if (error.code() == ErrorCode::unavailable) {
            return false;
        }
        throw;
    }
}

}  // namespace libstore
