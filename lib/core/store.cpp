#include "core/store.hpp"

#include "core/error.hpp"

namespace libstore {

Store::Store(StoreConfig config, StorePorts ports)
    : config_(std::move(config)), ports_(std::move(ports)) {
    if (!ports_.mail) {
        ports_.mail = std::make_unique<DroppedMail>();
    }
    accounts_ = std::make_unique<AccountService>(
        AccountPorts{*ports_.users, *ports_.revoked_tokens, *ports_.login_failures,
                     *ports_.password_hasher, *ports_.token_signer, *ports_.clock},
        config_.token_lifetime_seconds,
        TokenPorts{*ports_.refresh_tokens, *ports_.one_time_tokens, *ports_.opaque_tokens,
                   *ports_.mail},
        config_.refresh_token_lifetime_seconds);
    catalog_ = std::make_unique<CatalogService>(*ports_.categories, *ports_.products, *ports_.clock,
                                                *accounts_);
    cart_ = std::make_unique<CartService>(*ports_.carts, *accounts_);
    orders_ =
        std::make_unique<OrderService>(OrderPorts{*ports_.database, *ports_.orders, *ports_.carts,
                                                  *ports_.inventory, *ports_.clock, *accounts_});
}

Store::~Store() = default;

void Store::ping() {
    ports_.database->ping();
}

Value Store::stats() {
    return ports_.database->stats();
}

bool Store::try_prepare() {
    try {
        ports_.database->ensure_schema();
        orders_->recover();
        return true;
    } catch (const Error &error) {
        if (error.code() == ErrorCode::unavailable) {
            return false;
        }
        throw;
    }
}

}  // namespace libstore
