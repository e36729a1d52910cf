// The cart and order services (CartService, OrderService) over in-memory repositories, driven by
// a script of operations: one per line, an operation letter and its argument —
//   a<json>        add to cart (POST /cart/items body)      s<id> <json>  set a line's quantity
//   r<id>          remove a line                             c             clear the cart
//   v              view the cart                             p<key>        place an order (key may
//   be empty) l<json>        list orders (query)                       g<order>      get an order
//   S<order> <json> change status (PATCH body, as admin)     x<order>      cancel an order
//   u<0|1|2>       act as client, other client, admin        R             recover()
//   C<json>        create a voucher (POST /vouchers body)     P<json>       PUT /cart/voucher body
//   W              take the voucher off the cart             D<code>       delete a voucher
//   E<order>       an order's events                           k             prune the cart
//   u<3|4>         act as guest A or B (a cart token)        m<0|1>        merge guest A's or B's
//   cart into the caller's (then that guest cart is gone)
// where <order> is "#<digit>" (the n-th order placed) or literal text. After every step the
// shop's invariants must hold: stock never negative, initial stock = stock + quantities of
// orders that are not cancelled, cart lines 1-1000, no one sees another client's order, each
// order's history starts with `placed` and ends in its status, one event per move, and a
// payment reference once kept never changes, a voucher's uses equal the orders carrying it that
// are not cancelled (within its max_uses), no discount exceeds its subtotal — and every failure
// is a clean invalid_argument / not_found / conflict / forbidden.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fakes/fake_audit.hpp"
#include "adapters/json/json_codec.hpp"
#include "core/cart/cart_merge.hpp"
#include "core/cart/cart_service.hpp"
#include "core/cart/guest_cart_token.hpp"
#include "core/orders/order_service.hpp"
#include "core/vouchers/voucher_service.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_vouchers.hpp"
#include "fakes/manual_clock.hpp"
#include "fuzz_support.hpp"
#include "shop_fakes.hpp"

namespace {

using libstore::ErrorCode;
using libstore::Session;
using libstore::Value;
namespace fuzz = libstore::fuzz;

constexpr std::size_t kMaxSteps = 48;
const auto kAllowed = {ErrorCode::invalid_argument, ErrorCode::not_found, ErrorCode::conflict,
                       ErrorCode::forbidden};
// Bodies go through the ABI's codec first, which may also say too_large.
const auto kAllowedWithBody = {ErrorCode::invalid_argument, ErrorCode::not_found,
                               ErrorCode::conflict, ErrorCode::forbidden, ErrorCode::too_large};
const auto kGuestAllowed = {ErrorCode::invalid_argument, ErrorCode::not_found, ErrorCode::conflict,
                            ErrorCode::unauthenticated};
const auto kGuestAllowedWithBody = {ErrorCode::invalid_argument, ErrorCode::not_found,
                                    ErrorCode::conflict, ErrorCode::unauthenticated,
                                    ErrorCode::too_large};

// Incarnation names for guest carts, and digests of the two guests' tokens.
class CountingTokens final : public libstore::OpaqueTokens {
  public:
    std::string generate() override { return "incarnation-" + std::to_string(++count_); }
    std::string digest(const std::string &token) override { return "digest-" + token; }

  private:
    int count_ = 0;
};

std::string guest_key(char which) {
    return std::string(libstore::kGuestCartKeyPrefix) + "digest-guest-" + which;
}

struct Shop {
    fuzz::ShopState state;
    fuzz::FakeCarts carts{state};
    fuzz::FakeInventory inventory{state};
    fuzz::FakeOrders orders{state};
    libstore::testing::ManualClock clock;
    libstore::testing::FakeAuthenticator authenticator;
    CountingTokens tokens;
    libstore::CartService cart_service{
        carts, authenticator, libstore::GuestCartPolicy{&clock, &tokens, 30LL * 24 * 3600 * 1000}};
    libstore::testing::FakeDatabase database;
    libstore::testing::FakeAuditRepository audit_entries;
    libstore::AuditTrail audit{audit_entries, clock};
    libstore::testing::FakeVoucherRepository vouchers;
    libstore::OrderService order_service{libstore::OrderPorts{
        database, orders, carts, inventory, clock, authenticator, audit, &vouchers}};
    libstore::VoucherService voucher_service{
        libstore::VoucherPorts{vouchers, carts, clock, authenticator, audit, cart_service}};
    libstore::CartMerge merge{libstore::CartMergePorts{database, carts, cart_service}};
    std::vector<std::string> placed;
    // The first payment reference each order was seen with.
    std::map<std::string, std::string> references;

    Shop() {
        state.add_product("000000000000000000000001", "Pen", 1999, 10, true);
        state.add_product("000000000000000000000002", "Ink", 500, 2, true);
        state.add_product("000000000000000000000003", "Hidden", 100, 5, false);
        state.add_product("000000000000000000000004", "Sold out", 100, 0, true);
        state.add_product("000000000000000000000005", "Bulk", 1, 1'000'000'000, true);
        carts.voucher_lookup = [this](const std::string &id) { return vouchers.find(id); };
    }
};

Session caller_of(char who) {
    if (who == '3' || who == '4') {
        Session guest;
        guest.guest_cart_key = guest_key(who);
        return guest;
    }
    if (who == '2') {
        return libstore::testing::admin_session();
    }
    Session session = libstore::testing::client_session();
    if (who == '1') {
        session.user_id = "00000000000000000000c002";
        session.token_id = "other-token";
    }
    return session;
}

std::string order_ref(const Shop &shop, const std::string &text) {
    if (text.size() >= 2 && text[0] == '#' && !shop.placed.empty()) {
        return shop.placed[static_cast<unsigned char>(text[1]) % shop.placed.size()];
    }
    return text;
}

Value json_of(const std::string &text) {
    return libstore::json::parse(text.c_str(), "body");
}

void check_order_visible_to(const Value &order, const Session &caller) {
    const Value *owner = order.find("user_id");
    fuzz::check(owner != nullptr && owner->is_string(), "order without user_id");
    fuzz::check(caller.is_admin() || owner->as_string() == caller.user_id,
                "a client was shown another client's order", owner->as_string());
}

void check_cart(const Value &cart) {
    const Value *items = cart.find("items");
    fuzz::check(items != nullptr && items->is_array(), "cart without items");
    std::int64_t counted = 0;
    bool ready = true;
    for (const auto &item : items->as_array()) {
        const Value *quantity = item.find("quantity");
        fuzz::check(quantity != nullptr && quantity->is_integer() && quantity->as_integer() >= 1 &&
                        quantity->as_integer() <= 1000,
                    "cart line quantity out of 1-1000");
        bool available = item.find("available")->as_bool();
        fuzz::check(available == item.find("problem")->is_null(),
                    "a line's availability and its problem disagree");
        if (available) {
            counted += quantity->as_integer();
        } else {
            ready = false;
        }
    }
    // The cart tells what checkout will say: count covers the lines checkout would take.
    fuzz::check(cart.find("count")->as_integer() == counted, "count is not the available lines'");
    fuzz::check(cart.find("checkout_ready")->as_bool() == (ready && !items->as_array().empty()),
                "checkout_ready disagrees with the lines");
}

void check_invariants(Shop &shop) {
    for (const auto &[id, product] : shop.state.products) {
        fuzz::check(product.stock >= 0, "negative stock", id);
        std::int64_t ordered = 0;
        for (const auto &[order_id, order] : shop.state.orders) {
            fuzz::check(order.status != libstore::OrderStatus::pending &&
                            order.status != libstore::OrderStatus::cancelling,
                        "an order was left half-done", order_id);
            if (order.status == libstore::OrderStatus::cancelled) {
                continue;
            }
            for (const auto &line : order.lines) {
                if (line.product_id == id) {
                    ordered += line.quantity;
                }
            }
        }
        fuzz::check(product.stock + ordered == shop.state.initial_stock.at(id),
                    "stock does not add up", id);
    }
    for (const auto &[order_id, order] : shop.state.orders) {
        const auto &events = order.events;
        fuzz::check(!events.empty() && events.front().type == libstore::OrderEventType::placed,
                    "an order's history does not start with placed", order_id);
        fuzz::check(events.back().status_to == order.status,
                    "an order's history does not end in its status", order_id);
        for (std::size_t i = 1; i < events.size(); ++i) {
            fuzz::check(events[i].status_from == events[i - 1].status_to,
                        "an order's history skips a move", order_id);
        }
        auto kept = shop.references.find(order_id);
        if (kept != shop.references.end()) {
            fuzz::check(order.payment_reference == kept->second, "a payment reference changed",
                        order_id);
        } else if (order.payment_reference) {
            shop.references.emplace(order_id, *order.payment_reference);
        }
    }
    std::map<std::string, std::int64_t> carrying;  // voucher id -> standing orders with it
    for (const auto &[order_id, order] : shop.state.orders) {
        fuzz::check(order.discount_cents >= 0 && order.total_cents >= 0,
                    "a discount larger than the subtotal", order_id);
        if (order.voucher_id && order.status != libstore::OrderStatus::cancelled) {
            ++carrying[*order.voucher_id];
        }
    }
    Value page = shop.voucher_service.list(libstore::testing::admin_session(), Value::object());
    for (const auto &voucher : page.find("items")->as_array()) {
        std::int64_t uses = voucher.find("uses")->as_integer();
        const Value *max_uses = voucher.find("max_uses");
        fuzz::check(max_uses->is_null() || uses <= max_uses->as_integer(),
                    "a voucher used beyond max_uses");
        fuzz::check(uses == carrying[voucher.find("id")->as_string()],
                    "a voucher's uses do not match its orders", voucher.find("code")->as_string());
    }
    for (const auto &[user, cart] : shop.state.carts) {
        for (std::size_t i = 0; i < cart.lines.size(); ++i) {
            fuzz::check(cart.lines[i].quantity >= 1 && cart.lines[i].quantity <= 1000,
                        "stored cart line quantity out of range");
            for (std::size_t j = 0; j < i; ++j) {
                fuzz::check(cart.lines[i].product_id != cart.lines[j].product_id,
                            "two cart lines for one product");
            }
        }
    }
}

void run_step(Shop &shop, Session &caller, char op, const std::string &arg) {
    switch (op) {
        case 'u':
            caller = caller_of(arg.empty() ? '0' : arg[0]);
            return;
        case 'a':
            check_cart(shop.cart_service.add_item(caller, json_of(arg)));
            return;
        case 's': {
            auto space = arg.find(' ');
            std::string id = arg.substr(0, space);
            std::string body = space == std::string::npos ? "" : arg.substr(space + 1);
            check_cart(shop.cart_service.set_quantity(caller, id, std::nullopt, json_of(body)));
            return;
        }
        case 'r':
            check_cart(shop.cart_service.remove_item(caller, arg, std::nullopt));
            return;
        case 'c':
            check_cart(shop.cart_service.clear(caller));
            return;
        case 'v':
            check_cart(shop.cart_service.view(caller));
            return;
        case 'k': {
            Value pruned = shop.cart_service.prune(caller);
            check_cart(pruned);
            fuzz::check(pruned.find("items")->as_array().empty() ||
                            pruned.find("checkout_ready")->as_bool(),
                        "a pruned cart still holds a line checkout refuses");
            return;
        }
        case 'p': {
            std::optional<std::string> key;
            if (!arg.empty()) {
                key = arg == "-" ? std::string() : arg;
            }
            auto placement = shop.order_service.place(caller, key);
            check_order_visible_to(placement.order, caller);
            if (placement.created) {
                shop.placed.push_back(placement.order.find("id")->as_string());
            }
            return;
        }
        case 'l': {
            Value page = shop.order_service.list(caller, json_of(arg.empty() ? "{}" : arg));
            for (const auto &order : page.find("items")->as_array()) {
                check_order_visible_to(order, caller);
            }
            return;
        }
        case 'g':
            check_order_visible_to(shop.order_service.get(caller, order_ref(shop, arg)), caller);
            return;
        case 'S': {
            auto space = arg.find(' ');
            std::string id = order_ref(shop, arg.substr(0, space));
            std::string body = space == std::string::npos ? "" : arg.substr(space + 1);
            check_order_visible_to(shop.order_service.change_status(caller, id, json_of(body)),
                                   caller);
            return;
        }
        case 'x':
            check_order_visible_to(shop.order_service.cancel(caller, order_ref(shop, arg)), caller);
            return;
        case 'R':
            shop.order_service.recover(0);
            return;
        case 'C':
            shop.voucher_service.create(caller, json_of(arg));
            return;
        case 'P':
            check_cart(shop.voucher_service.apply_to_cart(caller, json_of(arg)));
            return;
        case 'W':
            check_cart(shop.voucher_service.remove_from_cart(caller));
            return;
        case 'D': {
            Value page =
                shop.voucher_service.list(libstore::testing::admin_session(), Value::object());
            for (const auto &voucher : page.find("items")->as_array()) {
                if (voucher.find("code")->as_string() == arg) {
                    shop.voucher_service.remove(caller, voucher.find("id")->as_string());
                }
            }
            return;
        }
        case 'E': {
            std::string id = order_ref(shop, arg);
            Value events = shop.order_service.events(caller, id);
            fuzz::check(!events.find("items")->as_array().empty(), "an order without history");
            check_order_visible_to(shop.order_service.get(caller, id), caller);
            return;
        }
        case 'm': {
            std::string key = guest_key(!arg.empty() && arg[0] == '1' ? '4' : '3');
            check_cart(shop.merge.merge(caller, key));
            fuzz::check(shop.state.carts.count(key) == 0, "a merged guest cart is still there");
            return;
        }
        default:
            return;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    std::string script(reinterpret_cast<const char *>(data), size);
    Shop shop;
    Session caller = caller_of('0');
    std::size_t start = 0;
    for (std::size_t step = 0; step < kMaxSteps && start < script.size(); ++step) {
        std::size_t end = script.find('\n', start);
        std::string line =
            script.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? script.size() : end + 1;
        if (line.empty()) {
            continue;
        }
        shop.clock.advance_ms(1);
        bool has_body = line[0] == 'a' || line[0] == 's' || line[0] == 'l' || line[0] == 'S' ||
                        line[0] == 'C' || line[0] == 'P';
        // A guest is refused (unauthenticated) by everything but its cart; nobody else is.
        if (caller.is_guest()) {
            fuzz::expect_clean_failure(has_body ? kGuestAllowedWithBody : kGuestAllowed,
                                       [&] { run_step(shop, caller, line[0], line.substr(1)); });
        } else {
            fuzz::expect_clean_failure(has_body ? kAllowedWithBody : kAllowed,
                                       [&] { run_step(shop, caller, line[0], line.substr(1)); });
        }
        check_invariants(shop);
    }
    return 0;
}
