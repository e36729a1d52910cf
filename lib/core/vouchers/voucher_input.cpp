#include "core/vouchers/voucher_input.hpp"

#include "core/catalog/patch_body.hpp"
#include "core/error.hpp"
#include "core/timestamp.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

constexpr std::size_t kCodeMinChars = 3;
constexpr std::size_t kCodeMaxChars = 32;
// Large enough for any real campaign, small enough that counts never overflow.
constexpr std::int64_t kMaxUsesLimit = 1'000'000'000;

const std::initializer_list<std::string_view> kVoucherFields = {
    "code",      "kind",    "value",    "min_subtotal",
    "starts_at", "ends_at", "max_uses", "max_uses_per_user",
    "active"};

char to_upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string upper_code(const std::string &code) {
    std::string shown = code;
    for (auto &c : shown) {
        c = to_upper(c);
    }
    return shown;
}

VoucherKind parse_kind(const Value &value) {
    if (value.is_string()) {
        if (value.as_string() == "percent") {
            return VoucherKind::percent;
        }
        if (value.as_string() == "fixed") {
            return VoucherKind::fixed;
        }
    }
    throw_invalid("kind", "kind must be \"percent\" or \"fixed\"");
}

// percent: an integer 1-100; fixed: money > 0 (at most 2 decimals).
std::int64_t parse_amount(VoucherKind kind, const Value &value) {
    if (kind == VoucherKind::percent) {
        if (!value.is_integer() || value.as_integer() < 1 || value.as_integer() > 100) {
            throw_invalid("value", "a percent voucher's value must be an integer from 1 to 100");
        }
        return value.as_integer();
    }
    Cents cents = parse_money(value, "value");
    if (cents <= 0) {
        throw_invalid("value", "a fixed voucher's value must be more than 0");
    }
    return cents;
}

Cents parse_min_subtotal(const Value &value) {
    Cents cents = parse_money(value, "min_subtotal");
    if (cents < 0) {
        throw_invalid("min_subtotal", "min_subtotal must not be negative");
    }
    return cents;
}

std::int64_t parse_instant(const Value &value, const std::string &field) {
    if (!value.is_string()) {
        throw_invalid(field, field + " must be an RFC 3339 timestamp string");
    }
    auto at = parse_rfc3339(value.as_string());
    if (!at) {
        throw_invalid(field, field + " must be an RFC 3339 timestamp (2026-11-23T10:00:00Z)");
    }
    return *at;
}

std::int64_t parse_limit(const Value &value, const std::string &field) {
    if (!value.is_integer() || value.as_integer() < 1 || value.as_integer() > kMaxUsesLimit) {
        throw_invalid(field, field + " must be an integer of at least 1, or null for no limit");
    }
    return value.as_integer();
}

bool parse_active(const Value &value) {
    if (!value.is_bool()) {
        throw_invalid("active", "active must be true or false");
    }
    return value.as_bool();
}

void check_dates(const std::optional<std::int64_t> &starts, const std::optional<std::int64_t> &ends,
                 const std::string &field) {
    if (starts && ends && *ends <= *starts) {
        throw_invalid(field, "ends_at must be after starts_at");
    }
}

// The present, non-null member `field` of `body`, or nullptr.
const Value *member(const Value &body, std::string_view field) {
    const Value *value = body.find(field);
    return value == nullptr || value->is_null() ? nullptr : value;
}

}  // namespace

std::string checked_voucher_code(const std::string &code, const std::string &field) {
    if (code.size() < kCodeMinChars || code.size() > kCodeMaxChars) {
        throw_invalid(field, field + " must be 3 to 32 characters");
    }
    std::string key;
    for (char c : code) {
        bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-';
        if (!allowed) {
            throw_invalid(field, field + " may contain only letters, digits, '_' and '-'");
        }
        key.push_back(to_lower(c));
    }
    return key;
}

Voucher parse_new_voucher(const Value &body) {
    ObjectReader reader(body, kVoucherFields);
    Voucher voucher;
    std::string code = reader.required_string("code", {1, kCodeMaxChars * 4});
    voucher.code_key = checked_voucher_code(code, "code");
    voucher.code = upper_code(code);
    const Value *kind = member(body, "kind");
    if (kind == nullptr) {
        throw_invalid("kind", "kind is required");
    }
    voucher.kind = parse_kind(*kind);
    const Value *value = member(body, "value");
    if (value == nullptr) {
        throw_invalid("value", "value is required");
    }
    voucher.value = parse_amount(voucher.kind, *value);
    if (const Value *minimum = member(body, "min_subtotal")) {
        voucher.min_subtotal_cents = parse_min_subtotal(*minimum);
    }
    if (const Value *starts = member(body, "starts_at")) {
        voucher.starts_at_ms = parse_instant(*starts, "starts_at");
    }
    if (const Value *ends = member(body, "ends_at")) {
        voucher.ends_at_ms = parse_instant(*ends, "ends_at");
    }
    check_dates(voucher.starts_at_ms, voucher.ends_at_ms, "ends_at");
    if (const Value *limit = member(body, "max_uses")) {
        voucher.max_uses = parse_limit(*limit, "max_uses");
    }
    if (const Value *limit = member(body, "max_uses_per_user")) {
        voucher.max_uses_per_user = parse_limit(*limit, "max_uses_per_user");
    }
    if (const Value *active = member(body, "active")) {
        voucher.active = parse_active(*active);
    }
    return voucher;
}

VoucherChanges parse_voucher_changes(const Value &body) {
    ObjectReader reader(body, kVoucherFields);
    VoucherChanges changes;
    bool any = false;
    for (const char *required : {"code", "kind", "value", "min_subtotal", "active"}) {
        if (sets_null(body, required)) {
            throw_invalid(required, std::string(required) + " must not be null");
        }
    }
    if (const Value *code = member(body, "code")) {
        if (!code->is_string()) {
            throw_invalid("code", "code must be a string");
        }
        changes.code_key = checked_voucher_code(code->as_string(), "code");
        changes.code = upper_code(code->as_string());
        any = true;
    }
    if (const Value *kind = member(body, "kind")) {
        changes.kind = parse_kind(*kind);
        any = true;
    }
    if (const Value *value = member(body, "value")) {
        if (!value->is_number()) {
            throw_invalid("value", "value must be a number");
        }
        changes.value = *value;
        any = true;
    }
    if (const Value *minimum = member(body, "min_subtotal")) {
        changes.min_subtotal_cents = parse_min_subtotal(*minimum);
        any = true;
    }
    auto optional_field = [&](const char *field, auto parse,
                              std::optional<std::optional<std::int64_t>> &out) {
        if (!body.find(field)) {
            return;
        }
        any = true;
        if (sets_null(body, field)) {
            out = std::optional<std::int64_t>();
        } else {
            out = parse(*body.find(field), field);
        }
    };
    optional_field("starts_at", parse_instant, changes.starts_at_ms);
    optional_field("ends_at", parse_instant, changes.ends_at_ms);
    optional_field("max_uses", parse_limit, changes.max_uses);
    optional_field("max_uses_per_user", parse_limit, changes.max_uses_per_user);
    if (const Value *active = member(body, "active")) {
        changes.active = parse_active(*active);
        any = true;
    }
    if (!any) {
        throw_invalid("",
                      "give at least one field to change: code, kind, value, min_subtotal, "
                      "starts_at, ends_at, max_uses, max_uses_per_user, active");
    }
    return changes;
}

Voucher apply_voucher_changes(const Voucher &voucher, const VoucherChanges &changes) {
    Voucher changed = voucher;
    if (changes.code) {
        changed.code = *changes.code;
        changed.code_key = changes.code_key.value_or(voucher.code_key);
    }
    if (changes.kind && *changes.kind != voucher.kind && !changes.value) {
        throw_invalid("value", "changing kind needs a value for the new kind");
    }
    if (changes.kind) {
        changed.kind = *changes.kind;
    }
    if (changes.value) {
        changed.value = parse_amount(changed.kind, *changes.value);
    }
    if (changes.min_subtotal_cents) {
        changed.min_subtotal_cents = *changes.min_subtotal_cents;
    }
    if (changes.starts_at_ms) {
        changed.starts_at_ms = *changes.starts_at_ms;
    }
    if (changes.ends_at_ms) {
        changed.ends_at_ms = *changes.ends_at_ms;
    }
    check_dates(changed.starts_at_ms, changed.ends_at_ms,
                changes.ends_at_ms ? "ends_at" : "starts_at");
    if (changes.max_uses) {
        changed.max_uses = *changes.max_uses;
        if (changed.max_uses && *changed.max_uses < voucher.uses) {
            throw_conflict("max_uses", "max_uses cannot be below the " +
                                           std::to_string(voucher.uses) + " uses already made");
        }
    }
    if (changes.max_uses_per_user) {
        changed.max_uses_per_user = *changes.max_uses_per_user;
    }
    if (changes.active) {
        changed.active = *changes.active;
    }
    return changed;
}

VoucherQuery parse_voucher_query(const Value &query) {
    ObjectReader reader(query, {"limit", "cursor"});
    VoucherQuery parsed;
    parsed.limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 4096})) {
        parsed.before = decode_time_id_cursor(*cursor);
    }
    return parsed;
}

std::string parse_voucher_code_body(const Value &body) {
    ObjectReader reader(body, {"code"});
    std::string code = reader.required_string("code", {1, kCodeMaxChars * 4});
    return checked_voucher_code(code, "code");
}

}  // namespace libstore
