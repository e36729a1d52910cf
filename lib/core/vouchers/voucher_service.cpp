#include "core/vouchers/voucher_service.hpp"

#include "core/audit/change_summary.hpp"
#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/vouchers/cart_pricing.hpp"
#include "core/vouchers/voucher_input.hpp"

namespace libstore {

Session VoucherService::catalog_manager(const Session &session) {
    Session caller = ports_.authenticator.recheck(session);
    require_permission(caller, Permission::manage_catalog);
    return caller;
}

Value VoucherService::create(const Session &session, const Value &body) {
    Session caller = catalog_manager(session);
    Voucher voucher = parse_new_voucher(body);
    voucher.created_at_ms = voucher.updated_at_ms = ports_.clock.now_ms();
    ports_.audit.record(caller, {"voucher.create", "voucher", "", describe_fields("created", body)},
                        [&](const std::string &mark, AuditSubject &subject) {
                            voucher.id = ports_.vouchers.insert(voucher, mark);
                            subject.target_id = voucher.id;
                        });
    return voucher_value(voucher);
}

Value VoucherService::list(const Session &session, const Value &query) {
    catalog_manager(session);
    VoucherQuery parsed = parse_voucher_query(query);
    auto found = ports_.vouchers.list(parsed, parsed.limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > parsed.limit) {
        found.resize(static_cast<std::size_t>(parsed.limit));
        next_cursor = encode_time_id_cursor(found.back().created_at_ms, found.back().id);
    }
    Value::Array items;
    for (const auto &voucher : found) {
        items.push_back(voucher_value(voucher));
    }
    return page_value(std::move(items), next_cursor);
}

Value VoucherService::get(const Session &session, const std::string &id) {
    catalog_manager(session);
    require_object_id(id, "voucher");
    auto voucher = ports_.vouchers.find(id);
    if (!voucher) {
        throw_not_found("voucher not found");
    }
    return voucher_value(*voucher);
}

Value VoucherService::update(const Session &session, const std::string &id, const Value &body) {
    Session caller = catalog_manager(session);
    require_object_id(id, "voucher");
    VoucherChanges changes = parse_voucher_changes(body);
    auto current = ports_.vouchers.find(id);
    if (!current) {
        throw_not_found("voucher not found");
    }
    Voucher changed = apply_voucher_changes(*current, changes);
    changed.updated_at_ms = ports_.clock.now_ms();
    std::optional<Voucher> updated;
    ports_.audit.record(caller, {"voucher.update", "voucher", id, describe_fields("changed", body)},
                        [&](const std::string &mark, AuditSubject &) {
                            updated = ports_.vouchers.update(changed, mark);
                            if (!updated) {
                                if (!ports_.vouchers.find(id)) {
                                    throw_not_found("voucher not found");
                                }
                                throw_conflict("max_uses",
                                               "max_uses cannot be below the uses already made");
                            }
                        });
    return voucher_value(*updated);
}

void VoucherService::remove(const Session &session, const std::string &id) {
    Session caller = catalog_manager(session);
    require_object_id(id, "voucher");
    ports_.audit.record(caller, {"voucher.delete", "voucher", id, "deleted"},
                        [&](const std::string &, AuditSubject &) {
                            if (!ports_.vouchers.remove(id)) {
                                throw_not_found("voucher not found");
                            }
                        });
    // After the removal: a cart that took it meanwhile is let go of too. A crash in between
    // leaves carts naming a voucher that is gone, which they show as none.
    ports_.carts.release_voucher(id);
}

Value VoucherService::priced(const CartSnapshot &snapshot) {
    return priced_cart_value(snapshot.cart, snapshot.line_products, snapshot.voucher,
                             ports_.clock.now_ms());
}

Value VoucherService::apply_to_cart(const Session &session, const Value &body) {
    std::string key = ports_.cart_service.cart_key(session);
    std::string code_key = parse_voucher_code_body(body);
    auto voucher = ports_.vouchers.find_by_code(code_key);
    if (!voucher || !voucher->active) {
        throw_not_found("voucher not found");
    }
    CartSnapshot snapshot = ports_.cart_service.load(key);
    Cents subtotal = cart_subtotal(snapshot.cart, snapshot.line_products);
    VoucherRefusal refusal = voucher_refusal(*voucher, subtotal, ports_.clock.now_ms());
    // A guest's own limit is checked when they check out (logged in, their cart merged).
    if (refusal == VoucherRefusal::none && voucher->max_uses_per_user && !session.is_guest() &&
        ports_.vouchers.user_uses(voucher->id, key) >= *voucher->max_uses_per_user) {
        refusal = VoucherRefusal::user_limit_reached;
    }
    if (refusal != VoucherRefusal::none) {
        throw_conflict("code", voucher_refusal_message(*voucher, refusal));
    }
    ports_.cart_service.write_voucher(key, voucher->id);
    snapshot.cart.voucher_id = voucher->id;
    snapshot.voucher = voucher;
    return priced(snapshot);
}

Value VoucherService::remove_from_cart(const Session &session) {
    std::string key = ports_.cart_service.cart_key(session);
    ports_.cart_service.write_voucher(key, std::nullopt);
    return priced(ports_.cart_service.load(key));
}

}  // namespace libstore
