#include "engine/open_store.hpp"

#include "adapters/mongo/client_pool.hpp"
#include "adapters/crypto/argon2_password_hasher.hpp"
#include "adapters/crypto/jwt_token_signer.hpp"
#include "adapters/mongo/mongo_audit_repository.hpp"
#include "adapters/crypto/sodium_opaque_tokens.hpp"
#include "adapters/mongo/mongo_category_repository.hpp"
#include "adapters/mongo/mongo_cart_repository.hpp"
#include "adapters/mongo/mongo_database.hpp"
#include "adapters/mongo/mongo_event_store.hpp"
#include "adapters/mongo/mongo_image_store.hpp"
#include "adapters/mongo/mongo_inventory_repository.hpp"
#include "adapters/mongo/mongo_order_repository.hpp"
#include "adapters/mongo/mongo_product_repository.hpp"
#include "adapters/mongo/mongo_rate_limit_counter.hpp"
#include "adapters/mongo/mongo_token_repositories.hpp"
#include "adapters/mongo/mongo_user_repository.hpp"
#include "adapters/mongo/mongo_voucher_repository.hpp"
#include "adapters/crypto/sodium_message_signer.hpp"
#include "adapters/crypto/sodium_secret_sealer.hpp"
#include "adapters/http/curl_http_sender.hpp"
#include "adapters/json/json_text_writer.hpp"
#include "adapters/mongo/mongo_delivery_repository.hpp"
#include "adapters/mongo/mongo_webhook_repository.hpp"
#include "libstore/version.h"

namespace libstore {

namespace {

void add_webhook_ports(StorePorts &ports, const std::shared_ptr<mongo::ClientPool> &pool,
                       const StoreConfig &config) {
    ports.webhooks = std::make_unique<mongo::MongoWebhookRepository>(pool);
    ports.deliveries = std::make_unique<mongo::MongoDeliveryRepository>(pool);
    ports.http_sender = std::make_unique<http::CurlHttpSender>(
        config.webhook_allow_private, std::string("libstore/") + STORE_VERSION_STRING);
    ports.message_signer = std::make_unique<crypto::SodiumMessageSigner>();
    ports.secret_sealer = std::make_unique<crypto::SodiumSecretSealer>(config.token_secret);
    ports.json_writer = std::make_unique<json::JsonTextWriter>();
}

}  // namespace

std::unique_ptr<Store> open_store(StoreConfig config, std::unique_ptr<MailHook> mail) {
    config.validate();
    auto pool = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
    StorePorts ports;
    ports.database = std::make_unique<mongo::MongoDatabase>(pool, config.transactions);
    ports.clock = std::make_unique<SystemClock>();
    ports.users = std::make_unique<mongo::MongoUserRepository>(pool);
    ports.revoked_tokens = std::make_unique<mongo::MongoRevokedTokenRepository>(pool);
    ports.login_failures = std::make_unique<mongo::MongoLoginFailureRepository>(pool);
    ports.password_hasher = std::make_unique<crypto::Argon2PasswordHasher>(config.password_cost);
    ports.token_signer = std::make_unique<crypto::JwtTokenSigner>(config.token_secret);
    ports.categories = std::make_unique<mongo::MongoCategoryRepository>(pool);
    ports.products = std::make_unique<mongo::MongoProductRepository>(pool);
    ports.carts = std::make_unique<mongo::MongoCartRepository>(pool);
    ports.inventory = std::make_unique<mongo::MongoInventoryRepository>(pool);
    ports.orders = std::make_unique<mongo::MongoOrderRepository>(pool);
    ports.audit = std::make_unique<mongo::MongoAuditRepository>(pool);
    ports.rate_limit_counts = std::make_unique<mongo::MongoRateLimitCounter>(pool);
    ports.refresh_tokens = std::make_unique<mongo::MongoRefreshTokenRepository>(pool);
    ports.one_time_tokens = std::make_unique<mongo::MongoOneTimeTokenRepository>(pool);
    ports.opaque_tokens = std::make_unique<crypto::SodiumOpaqueTokens>();
    ports.mail = std::move(mail);
    ports.images = std::make_unique<mongo::MongoImageStore>(pool);
    ports.vouchers = std::make_unique<mongo::MongoVoucherRepository>(pool);
    add_webhook_ports(ports, pool, config);
    ports.events = std::make_unique<mongo::MongoEventStore>(pool);
    auto store = std::make_unique<Store>(std::move(config), std::move(ports));
    store->try_prepare();
    return store;
}

}  // namespace libstore
