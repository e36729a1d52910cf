#include "adapters/mongo/voucher_bson.hpp"

#include "adapters/mongo/bson_fields.hpp"

namespace libstore::mongo {

namespace {

bool holds_value(const bson_t *document, const char *key) {
    bson_iter_t iter;
    return bson_iter_init_find(&iter, document, key) && !BSON_ITER_HOLDS_NULL(&iter);
}

std::optional<std::int64_t> optional_int64(const bson_t *document, const char *key) {
    return holds_value(document, key) ? std::optional<std::int64_t>(read_int64(document, key))
                                      : std::nullopt;
}

std::optional<std::int64_t> optional_date(const bson_t *document, const char *key) {
    return holds_value(document, key) ? std::optional<std::int64_t>(read_date_ms(document, key))
                                      : std::nullopt;
}

}  // namespace

Voucher voucher_from_bson(const bson_t *document) {
    Voucher voucher;
    voucher.id = read_oid_hex(document, "_id");
    voucher.code = read_string_or(document, "code", "");
    voucher.code_key = read_string_or(document, "code_lower", "");
    voucher.kind =
        read_string_or(document, "kind", "") == "fixed" ? VoucherKind::fixed : VoucherKind::percent;
    voucher.value = read_int64(document, "value");
    voucher.min_subtotal_cents = read_int64(document, "min_subtotal_cents");
    voucher.starts_at_ms = optional_date(document, "starts_at");
    voucher.ends_at_ms = optional_date(document, "ends_at");
    voucher.max_uses = optional_int64(document, "max_uses");
    voucher.max_uses_per_user = optional_int64(document, "max_uses_per_user");
    voucher.uses = read_int64(document, "uses");
    voucher.active = read_bool(document, "active", true);
    voucher.created_at_ms = read_date_ms(document, "created_at");
    voucher.updated_at_ms = read_date_ms(document, "updated_at");
    return voucher;
}

}  // namespace libstore::mongo
