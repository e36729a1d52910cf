#include "core/vouchers/voucher.hpp"

#include <algorithm>

#include "core/timestamp.hpp"

namespace libstore {

namespace {

Value optional_time(const std::optional<std::int64_t> &at_ms) {
    return at_ms ? Value(format_rfc3339(*at_ms)) : Value();
}

Value optional_count(const std::optional<std::int64_t> &count) {
    return count ? Value(*count) : Value();
}

Value shown_value(const Voucher &voucher) {
    return voucher.kind == VoucherKind::percent ? Value(voucher.value) : money_value(voucher.value);
}

}  // namespace

const char *voucher_kind_name(VoucherKind kind) {
    return kind == VoucherKind::percent ? "percent" : "fixed";
}

const char *voucher_refusal_name(VoucherRefusal refusal) {
    switch (refusal) {
        case VoucherRefusal::none:
            return nullptr;
        case VoucherRefusal::inactive:
            return "inactive";
        case VoucherRefusal::not_started:
            return "not_started";
        case VoucherRefusal::expired:
            return "expired";
        case VoucherRefusal::used_up:
            return "used_up";
        case VoucherRefusal::under_min_subtotal:
            return "under_min_subtotal";
        case VoucherRefusal::user_limit_reached:
            return "user_limit_reached";
    }
    return nullptr;
}

std::string voucher_refusal_message(const Voucher &voucher, VoucherRefusal refusal) {
    const std::string name = "the voucher " + voucher.code;
    switch (refusal) {
        case VoucherRefusal::none:
            return name + " applies";
        case VoucherRefusal::inactive:
            return name + " is not active";
        case VoucherRefusal::not_started:
            return name + " is not valid yet";
        case VoucherRefusal::expired:
            return name + " has expired";
        case VoucherRefusal::used_up:
            return name + " has been used up";
        case VoucherRefusal::under_min_subtotal: {
            std::int64_t cents = voucher.min_subtotal_cents;
            std::string amount = std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
                                 std::to_string(cents % 100);
            return name + " needs a subtotal of at least " + amount;
        }
        case VoucherRefusal::user_limit_reached:
            return name + " has been used as often as one customer may";
    }
    return name + " does not apply";
}

VoucherRefusal voucher_refusal(const Voucher &voucher, Cents subtotal_cents, std::int64_t now_ms) {
    if (!voucher.active) {
        return VoucherRefusal::inactive;
    }
    if (voucher.starts_at_ms && now_ms < *voucher.starts_at_ms) {
        return VoucherRefusal::not_started;
    }
    if (voucher.ends_at_ms && now_ms >= *voucher.ends_at_ms) {
        return VoucherRefusal::expired;
    }
    if (voucher.max_uses && voucher.uses >= *voucher.max_uses) {
        return VoucherRefusal::used_up;
    }
    if (subtotal_cents < voucher.min_subtotal_cents) {
        return VoucherRefusal::under_min_subtotal;
    }
    return VoucherRefusal::none;
}

Cents voucher_discount(const Voucher &voucher, Cents subtotal_cents) {
    if (subtotal_cents <= 0) {
        return 0;
    }
    if (voucher.kind == VoucherKind::percent) {
        // Half up to the cent, in integers: subtotal * percent / 100 rounded.
        return (subtotal_cents * voucher.value + 50) / 100;
    }
    return std::min(voucher.value, subtotal_cents);
}

Value voucher_value(const Voucher &voucher) {
    Value value = Value::object();
    value.set("id", voucher.id)
        .set("code", voucher.code)
        .set("kind", voucher_kind_name(voucher.kind))
        .set("value", shown_value(voucher))
        .set("min_subtotal", money_value(voucher.min_subtotal_cents))
        .set("starts_at", optional_time(voucher.starts_at_ms))
        .set("ends_at", optional_time(voucher.ends_at_ms))
        .set("max_uses", optional_count(voucher.max_uses))
        .set("max_uses_per_user", optional_count(voucher.max_uses_per_user))
        .set("uses", voucher.uses)
        .set("active", voucher.active)
        .set("created_at", format_rfc3339(voucher.created_at_ms))
        .set("updated_at", format_rfc3339(voucher.updated_at_ms));
    return value;
}

Value voucher_summary(const Voucher &voucher) {
    Value value = Value::object();
    value.set("code", voucher.code)
        .set("kind", voucher_kind_name(voucher.kind))
        .set("value", shown_value(voucher));
    return value;
}

}  // namespace libstore
