#include "core/store.hpp"

#include "core/error.hpp"
#include "core/events/outbox_recovery.hpp"

namespace libstore {

Store::Store(StoreConfig config, StorePorts ports)
    : config_(std::move(config)), ports_(std::move(ports)) {
    if (!ports_.mail) {
        ports_.mail = std::make_unique<DroppedMail>();
    }
    auto bounded_hasher = std::make_unique<BoundedPasswordHasher>(
        std::move(ports_.password_hasher), config_.effective_password_hash_concurrency(),
        std::chrono::milliseconds(config_.password_hash_wait_ms));
    password_hashing_ = bounded_hasher.get();
    ports_.password_hasher = std::move(bounded_hasher);
    audit_trail_ = std::make_unique<AuditTrail>(*ports_.audit, *ports_.clock, ports_.events.get());
    accounts_ = std::make_unique<AccountService>(
        AccountPorts{*ports_.users, *ports_.revoked_tokens, *ports_.login_failures,
                     *ports_.password_hasher, *ports_.token_signer, *ports_.clock, *audit_trail_,
                     *ports_.database, *ports_.events},
        config_.token_lifetime_seconds,
        TokenPorts{*ports_.refresh_tokens, *ports_.one_time_tokens, *ports_.opaque_tokens,
                   *ports_.mail},
        config_.refresh_token_lifetime_seconds);
    audit_log_ = std::make_unique<AuditLog>(*ports_.audit, *accounts_);
    images_ = std::make_unique<ProductImageService>(
        ProductImagePorts{*ports_.products, *ports_.images, *ports_.opaque_tokens, *ports_.clock,
                          *accounts_, *audit_trail_});
    catalog_ = std::make_unique<CatalogService>(*ports_.categories, *ports_.products, *ports_.clock,
                                                *accounts_, *audit_trail_, images_.get());
    cart_ = std::make_unique<CartService>(
        *ports_.carts, *accounts_,
        GuestCartPolicy{ports_.clock.get(), ports_.opaque_tokens.get(),
                        config_.guest_cart_lifetime_seconds * 1000});
    cart_merge_ =
        std::make_unique<CartMerge>(CartMergePorts{*ports_.database, *ports_.carts, *cart_});
    guest_carts_ = std::make_unique<GuestCarts>(*accounts_, *ports_.opaque_tokens, *cart_merge_);
    orders_ = std::make_unique<OrderService>(OrderPorts{
        *ports_.database, *ports_.orders, *ports_.carts, *ports_.inventory, *ports_.clock,
        *accounts_, *audit_trail_, ports_.vouchers.get(), ports_.events.get()});
    vouchers_ = std::make_unique<VoucherService>(VoucherPorts{
        *ports_.vouchers, *ports_.carts, *ports_.clock, *accounts_, *audit_trail_, *cart_});
    wire_webhooks();
    rate_limits_ = std::make_unique<RateLimiter>(*ports_.rate_limit_counts, *ports_.clock,
                                                 config_.rate_limit_per_minute,
                                                 TrustedProxies::parse(config_.trusted_proxies));
    event_log_ = std::make_unique<EventLog>(*ports_.events, *accounts_);
}

Value Store::recover(std::int64_t min_age_ms) {
    Value report = orders_->recover(min_age_ms);
    // After the orders: a cancellation recovery completes is what settles its audit entry.
    Value audit = audit_trail_->recover(min_age_ms);
    for (const auto &[key, value] : audit.as_object()) {
        report.set(key, value);
    }
    Value images = images_->recover(min_age_ms);
    for (const auto &[key, value] : images.as_object()) {
        report.set(key, value);
    }
    // After the orders: completing a cancellation pushes its event into the order's outbox.
    Value events =
        relay_leftover_events(*ports_.database, *ports_.events, ports_.clock->now_ms(), min_age_ms);
    for (const auto &[key, value] : events.as_object()) {
        report.set(key, value);
    }
    return report;
}

void Store::wire_webhooks() {
    DeliveryPolicy policy;
    policy.allow_private = config_.webhook_allow_private;
    policy.timeout_ms = config_.webhook_timeout_ms;
    policy.retry_initial_ms = config_.webhook_retry_initial_ms;
    policy.retry_max_ms = config_.webhook_retry_max_ms;
    policy.give_up_ms = config_.webhook_give_up_ms;
    policy.lease_ms = config_.webhook_lease_ms;
    webhooks_ = std::make_unique<WebhookService>(
        WebhookPorts{*ports_.webhooks, *ports_.deliveries, *ports_.events, *ports_.secret_sealer,
                     *ports_.opaque_tokens, *ports_.clock, *accounts_, *audit_trail_},
        policy.allow_private);
    deliverer_ = std::make_unique<WebhookDeliverer>(
        DelivererPorts{*ports_.events, *ports_.webhooks, *ports_.deliveries, *ports_.http_sender,
                       *ports_.message_signer, *ports_.secret_sealer, *ports_.json_writer,
                       *ports_.opaque_tokens, *ports_.clock},
        policy);
}

Store::~Store() = default;

void Store::ping() {
    ports_.database->ping();
}

Value Store::migrate() {
    return ports_.database->upgrade_documents();
}

Value Store::stats() {
    Value stats = ports_.database->stats();
    stats.set("password_hashing", password_hashing_->stats());
    return stats;
}

bool Store::try_prepare() {
    try {
        ports_.database->ensure_schema();
        recover();
        return true;
    } catch (const Error &error) {
        if (error.code() == ErrorCode::unavailable) {
            return false;
        }
        throw;
    }
}

}  // namespace libstore
