// Parsing and validation of voucher input: new vouchers, changes, list queries. The field rules
// of API.md "Vouchers" live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/page_cursor.hpp"
#include "core/value.hpp"
#include "core/vouchers/voucher.hpp"

namespace libstore {

// Everything but `uses` may change. Outer optional: field present; inner nullopt: null clears
// an optional limit or date. `kind` and `value` are checked together against the voucher they
// change (a percent value must stay 1-100), by apply_voucher_changes().
struct VoucherChanges {
    std::optional<std::string> code;
    std::optional<std::string> code_key;
    std::optional<VoucherKind> kind;
    std::optional<Value> value;  // checked once the kind is known
    std::optional<Cents> min_subtotal_cents;
    std::optional<std::optional<std::int64_t>> starts_at_ms;
    std::optional<std::optional<std::int64_t>> ends_at_ms;
    std::optional<std::optional<std::int64_t>> max_uses;
    std::optional<std::optional<std::int64_t>> max_uses_per_user;
    std::optional<bool> active;
};

struct VoucherQuery {
    std::int64_t limit = kDefaultPageLimit;
    std::optional<TimeIdPosition> before;  // newest first: strictly older than this
};

// {code, kind, value, min_subtotal?, starts_at?, ends_at?, max_uses?, max_uses_per_user?,
// active?} -> a Voucher without id and timestamps. Throws Error(invalid_argument) naming the
// first bad or unknown field.
Voucher parse_new_voucher(const Value &body);

// The same fields, each optional, at least one; `uses` is not among them.
VoucherChanges parse_voucher_changes(const Value &body);

// `voucher` with `changes` applied, checked as a whole (value against kind, ends after starts).
// Throws Error(invalid_argument) naming the field; Error(conflict, "max_uses") when max_uses
// would fall below the uses already made.
Voucher apply_voucher_changes(const Voucher &voucher, const VoucherChanges &changes);

// {limit?, cursor?}
VoucherQuery parse_voucher_query(const Value &query);

// {code}: the code as the lower-case key vouchers are found by. Error(invalid_argument, "code").
std::string parse_voucher_code_body(const Value &body);

// The lower-case key of a code, after checking it: 3-32 of [A-Za-z0-9_-].
std::string checked_voucher_code(const std::string &code, const std::string &field);

}  // namespace libstore
