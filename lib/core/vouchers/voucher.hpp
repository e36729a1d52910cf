// A discount code and the rule of what it takes off a subtotal. Amounts are integer cents; a
// percent discount rounds half up to the cent, a fixed one never takes more than the subtotal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/money.hpp"
#include "core/value.hpp"

namespace libstore {

enum class VoucherKind { percent, fixed };

const char *voucher_kind_name(VoucherKind kind);

struct Voucher {
    std::string id;
    std::string code;      // upper-case, as shown
    std::string code_key;  // lower-case: unique across vouchers
    VoucherKind kind = VoucherKind::percent;
    // percent: 1-100; fixed: cents.
    std::int64_t value = 0;
    Cents min_subtotal_cents = 0;
    std::optional<std::int64_t> starts_at_ms;
    std::optional<std::int64_t> ends_at_ms;  // the first instant it no longer applies
    std::optional<std::int64_t> max_uses;    // nullopt: no limit
    std::optional<std::int64_t> max_uses_per_user;
    std::int64_t uses = 0;
    bool active = true;
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
};

// Why a voucher does not apply to a subtotal at an instant (the per-user limit is the
// redemption's to check: it needs the user's count).
enum class VoucherRefusal {
    none,
    inactive,
    not_started,
    expired,
    used_up,
    under_min_subtotal,
    user_limit_reached,
};

// "inactive", "not_started", "expired", "used_up", "under_min_subtotal", "user_limit_reached";
// null for none. The cart view names it so the shopper sees why a voucher takes nothing off.
const char *voucher_refusal_name(VoucherRefusal refusal);
// A sentence for an error message ("the voucher SAVE10 has expired").
std::string voucher_refusal_message(const Voucher &voucher, VoucherRefusal refusal);

VoucherRefusal voucher_refusal(const Voucher &voucher, Cents subtotal_cents, std::int64_t now_ms);

// What the voucher takes off `subtotal_cents` (0 <= discount <= subtotal).
Cents voucher_discount(const Voucher &voucher, Cents subtotal_cents);

// The admin view: {id, code, kind, value, min_subtotal, starts_at, ends_at, max_uses,
// max_uses_per_user, uses, active, created_at, updated_at}.
Value voucher_value(const Voucher &voucher);
// What carts show: {code, kind, value}.
Value voucher_summary(const Voucher &voucher);

}  // namespace libstore
