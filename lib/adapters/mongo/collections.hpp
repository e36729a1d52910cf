// Names of the store's MongoDB collections, in one place.
#pragma once

namespace libstore::mongo::collections {

inline constexpr const char *kUsers = "users";
inline constexpr const char *kCategories = "categories";
inline constexpr const char *kProducts = "products";
inline constexpr const char *kCarts = "carts";
inline constexpr const char *kOrders = "orders";
inline constexpr const char *kRevokedTokens = "revoked_tokens";
inline constexpr const char *kLoginFailures = "login_failures";
inline constexpr const char *kAudit = "audit";
inline constexpr const char *kRateLimits = "rate_limits";
inline constexpr const char *kRefreshTokens = "refresh_tokens";
inline constexpr const char *kOneTimeTokens = "one_time_tokens";
inline constexpr const char *kVouchers = "vouchers";
// The outbox's feed: every published event (see mongo_event_store.hpp).
inline constexpr const char *kEvents = "events";
// One document per (voucher, user) that used it: the user's tally of uses.
inline constexpr const char *kVoucherUses = "voucher_uses";
// Webhooks, their delivery jobs (one per event owed to a webhook) and the log of attempts.
inline constexpr const char *kWebhooks = "webhooks";
inline constexpr const char *kWebhookDeliveries = "webhook_deliveries";
inline constexpr const char *kWebhookAttempts = "webhook_attempts";
// The GridFS bucket of product images: collections images.files and images.chunks.
inline constexpr const char *kImageBucket = "images";
inline constexpr const char *kImageFiles = "images.files";

}  // namespace libstore::mongo::collections
