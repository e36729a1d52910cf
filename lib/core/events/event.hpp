// An event of the outbox (API.md "Events and webhooks"): what happened, when, and the data a
// consumer needs, with its place in the feed.
#pragma once

#include <cstdint>
#include <string>

#include "core/value.hpp"

namespace libstore {

// The event types API.md lists; a change emits only these.
inline constexpr const char *kEventUserRegistered = "user.registered";
inline constexpr const char *kEventOrderPlaced = "order.placed";
inline constexpr const char *kEventOrderStatusChanged = "order.status_changed";
inline constexpr const char *kEventOrderCancelled = "order.cancelled";
inline constexpr const char *kEventProductCreated = "product.created";
inline constexpr const char *kEventProductUpdated = "product.updated";
inline constexpr const char *kEventProductDeleted = "product.deleted";
inline constexpr const char *kEventVariantOutOfStock = "variant.out_of_stock";
inline constexpr const char *kEventVoucherUsedUp = "voucher.used_up";

// Whether `type` is one of the types above.
bool is_event_type(const std::string &type);

// An event as the feed serves it. `id` is its position in the feed: ids grow, and a reader that
// has seen id n never later meets an event with an id of n or less (see ports/event_feed.hpp).
struct Event {
    std::int64_t id = 0;
    std::string type;
    std::int64_t at_ms = 0;
    Value data = Value::object();
};

// {id, type, at (RFC 3339 UTC), data}: the shape of API.md, in the feed and in webhook bodies.
Value event_value(const Event &event);

}  // namespace libstore
