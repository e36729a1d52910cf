// Vouchers: their administration (manage_catalog, every write audited as voucher.create|update|
// delete) and putting one on a cart or taking it off. Redeeming a voucher is part of placing an
// order (orders/order_service.hpp).
#pragma once

#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/cart/cart_service.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/voucher_repository.hpp"
#include "core/value.hpp"

namespace libstore {

struct VoucherPorts {
    VoucherRepository &vouchers;
    CartRepository &carts;
    Clock &clock;
    Authenticator &authenticator;
    AuditTrail &audit;
    // Whose cart a caller has (a guest's or a user's) and how it is shown.
    CartService &cart_service;
};

class VoucherService {
  public:
    explicit VoucherService(VoucherPorts ports) : ports_(ports) {}

    // See voucher_input.hpp for the fields. -> the voucher (voucher_value()).
    Value create(const Session &session, const Value &body);
    // {limit?, cursor?} -> a page, newest first.
    Value list(const Session &session, const Value &query);
    Value get(const Session &session, const std::string &id);
    // Every field but `uses` may change; max_uses below the uses made -> Error(conflict).
    Value update(const Session &session, const std::string &id, const Value &body);
    // Carts holding it show no voucher afterwards; orders keep their snapshot of it.
    void remove(const Session &session, const std::string &id);

    // {code} -> the caller's cart with the voucher on it. Unknown or inactive code ->
    // Error(not_found); not yet valid, expired, used up, the caller's own limit reached or the
    // subtotal under min_subtotal -> Error(conflict, "code"). Round trips: the voucher, the
    // cart, the caller's uses (only for a voucher with a per-user limit), the write.
    Value apply_to_cart(const Session &session, const Value &body);
    // -> the caller's cart without a voucher. Two round trips.
    Value remove_from_cart(const Session &session);

  private:
    Session catalog_manager(const Session &session);
    Value priced(const CartSnapshot &snapshot);

    VoucherPorts ports_;
};

}  // namespace libstore
