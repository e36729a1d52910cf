// The façade over every store operation: what the C ABI and the Python module both wrap. It owns
// the services (one per module of API.md) and the ports they run on. Thread-safe: one Store
// serves all threads of a process.
#pragma once

#include <memory>

#include "core/accounts/account_service.hpp"
#include "core/accounts/bounded_password_hasher.hpp"
#include "core/audit/audit_log.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/cart/cart_merge.hpp"
#include "core/cart/cart_service.hpp"
#include "core/cart/guest_carts.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/events/event_log.hpp"
#include "core/limits/rate_limiter.hpp"
#include "core/orders/order_service.hpp"
#include "core/ports/audit_repository.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/inventory_repository.hpp"
#include "core/ports/mail_hook.hpp"
#include "core/ports/one_time_token_repository.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/refresh_token_repository.hpp"
#include "core/ports/order_repository.hpp"
#include "core/ports/category_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/database.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/image_store.hpp"
#include "core/ports/password_hasher.hpp"
#include "core/ports/product_repository.hpp"
#include "core/ports/rate_limit_counter.hpp"
#include "core/ports/token_signer.hpp"
#include "core/ports/user_repository.hpp"
#include "core/ports/voucher_repository.hpp"
#include "core/vouchers/voucher_service.hpp"
#include "core/ports/delivery_repository.hpp"
#include "core/ports/event_feed.hpp"
#include "core/ports/http_sender.hpp"
#include "core/ports/json_writer.hpp"
#include "core/ports/message_signer.hpp"
#include "core/ports/secret_sealer.hpp"
#include "core/ports/webhook_repository.hpp"
#include "core/webhooks/webhook_deliverer.hpp"
#include "core/webhooks/webhook_service.hpp"
#include "core/store_config.hpp"

namespace libstore {

// The adapters a Store runs on, handed over by whoever assembles it (engine/open_store.cpp for
// MongoDB and libsodium, the unit tests for in-memory fakes).
struct StorePorts {
    std::unique_ptr<Database> database;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<UserRepository> users;
    std::unique_ptr<RevokedTokenRepository> revoked_tokens;
    std::unique_ptr<LoginFailureRepository> login_failures;
    std::unique_ptr<PasswordHasher> password_hasher;
    std::unique_ptr<TokenSigner> token_signer;
    std::unique_ptr<CategoryRepository> categories;
    std::unique_ptr<ProductRepository> products;
    std::unique_ptr<CartRepository> carts;
    std::unique_ptr<InventoryRepository> inventory;
    std::unique_ptr<OrderRepository> orders;
    std::unique_ptr<AuditRepository> audit;
    std::unique_ptr<RateLimitCounter> rate_limit_counts;
    std::unique_ptr<RefreshTokenRepository> refresh_tokens;
    std::unique_ptr<OneTimeTokenRepository> one_time_tokens;
    std::unique_ptr<OpaqueTokens> opaque_tokens;
    std::unique_ptr<MailHook> mail;  // null: mail is dropped
    std::unique_ptr<ImageStore> images;
    std::unique_ptr<VoucherRepository> vouchers;
    // Webhooks and their delivery (core/webhooks), from the outbox's feed (`events`).
    std::unique_ptr<WebhookRepository> webhooks;
    std::unique_ptr<DeliveryRepository> deliveries;
    std::unique_ptr<HttpSender> http_sender;
    std::unique_ptr<MessageSigner> message_signer;
    std::unique_ptr<SecretSealer> secret_sealer;
    std::unique_ptr<JsonWriter> json_writer;
    std::unique_ptr<EventStore> events;
};

class Store {
  public:
    Store(StoreConfig config, StorePorts ports);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const StoreConfig &config() const { return config_; }

    // One round trip to the database; throws Error(unavailable) when it cannot be reached.
    void ping();

    // Creates the indexes and recovers orders a crash left half-done, if the database is
    // reachable; returns false (leaving indexes to the first operation and recovery to the next
    // store_recover()) when it is not. Other errors propagate.
    bool try_prepare();

    // Puts right what a crash left half-done, for work older than `min_age_ms`: orders (see
    // OrderService::recover), audit entries (AuditTrail::recover) and orphan image files
    // (ProductImageService::recover), events left in outboxes (relay_leftover_events). The
    // reports merged.
    Value recover(std::int64_t min_age_ms = OrderService::kDefaultRecoveryAgeMs);

    // Rewrites documents stored by an older libstore into the current shape (store_migrate()).
    Value migrate();

    // What this store sent to the database so far: commands by name, failures, retries,
    // transactions, pool waits (see Database::stats()), and "password_hashing" (the hashing
    // limit's counts, BoundedPasswordHasher::stats()). Never touches the database.
    Value stats();

    AccountService &accounts() { return *accounts_; }
    CatalogService &catalog() { return *catalog_; }
    ProductImageService &images() { return *images_; }
    CartService &cart() { return *cart_; }
    GuestCarts &guest_carts() { return *guest_carts_; }
    CartMerge &cart_merge() { return *cart_merge_; }
    OrderService &orders() { return *orders_; }
    AuditLog &audit_log() { return *audit_log_; }
    RateLimiter &rate_limits() { return *rate_limits_; }
    VoucherService &vouchers() { return *vouchers_; }
    WebhookService &webhooks() { return *webhooks_; }
    // One delivery sweep (store_deliver()); safe from any number of threads and processes.
    WebhookDeliverer &deliverer() { return *deliverer_; }
    EventLog &events() { return *event_log_; }
    // The feed itself, for consumers inside the process (the webhook deliverer).
    EventFeed &event_feed() { return *ports_.events; }

  private:
    void wire_webhooks();

    StoreConfig config_;
    StorePorts ports_;
    // ports_.password_hasher once the constructor has put it behind the limit.
    BoundedPasswordHasher *password_hashing_ = nullptr;
    std::unique_ptr<AuditTrail> audit_trail_;
    std::unique_ptr<AccountService> accounts_;
    std::unique_ptr<AuditLog> audit_log_;
    std::unique_ptr<ProductImageService> images_;
    std::unique_ptr<CatalogService> catalog_;
    std::unique_ptr<CartService> cart_;
    std::unique_ptr<CartMerge> cart_merge_;
    std::unique_ptr<GuestCarts> guest_carts_;
    std::unique_ptr<OrderService> orders_;
    std::unique_ptr<RateLimiter> rate_limits_;
    std::unique_ptr<VoucherService> vouchers_;
    std::unique_ptr<WebhookService> webhooks_;
    std::unique_ptr<WebhookDeliverer> deliverer_;
    std::unique_ptr<EventLog> event_log_;
};

}  // namespace libstore
