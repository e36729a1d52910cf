// Order events and payment references over in-memory fakes: an event with every transition and
// none without one, who sees the history, a cancellation completed by recover() carrying its
// event, orders from before events, and the payment reference's replay and conflict rules.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/cart/cart_service.hpp"
#include "core/orders/order_service.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_orders.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

const std::string kPen = "0000000000000000000000a1";

Value status_body(const char *status, const Value &reference = Value()) {
    Value body = Value::object();
    body.set("status", status);
    if (!reference.is_null()) {
        body.set("payment_reference", reference);
    }
    return body;
}

// (type, status_from or "-", status_to, actor_id or "-") of each event shown.
std::vector<std::string> history(const Value &events) {
    std::vector<std::string> shown;
    for (const auto &event : events.find("items")->as_array()) {
        const Value &from = *event.find("status_from");
        const Value &actor = *event.find("actor_id");
        shown.push_back(event.find("type")->as_string() + " " +
                        (from.is_null() ? "-" : from.as_string()) + ">" +
                        event.find("status_to")->as_string() + " " +
                        (actor.is_null() ? "-" : actor.as_string()));
    }
    return shown;
}

class OrderHistoryTest : public ::testing::Test {
  protected:
    OrderHistoryTest()
        : carts_(shelf_),
          inventory_(shelf_),
          cart_(carts_, authenticator_),
          audit_(audit_entries_, clock_),
          orders_(OrderPorts{database_, orders_repository_, carts_, inventory_, clock_,
                             authenticator_, audit_}) {
        shelf_.add(kPen, "Pen", 1999, 100);
        clerk_.user_id = "00000000000000000000c0c0";
        clerk_.role = Role::staff;
        clerk_.permissions.add(Permission::manage_orders);
    }

    std::string place() {
        Value body = Value::object();
        body.set("product_id", kPen).set("quantity", 2);
        cart_.add_item(buyer_, body);
        return orders_.place(buyer_, std::nullopt).order.find("id")->as_string();
    }

    Value pay(const std::string &id, const Value &reference) {
        return orders_.change_status(admin_, id, status_body("paid", reference));
    }

    std::string buyer(const char *rest) const { return rest + std::string(" ") + buyer_.user_id; }
    std::string admin(const char *rest) const { return rest + std::string(" ") + admin_.user_id; }

    FakeShelf shelf_;
    FakeDatabase database_;
    FakeCartRepository carts_;
    FakeInventoryRepository inventory_;
    FakeOrderRepository orders_repository_;
    FakeAuthenticator authenticator_;
    ManualClock clock_;
    CartService cart_;
    FakeAuditRepository audit_entries_;
    AuditTrail audit_;
    OrderService orders_;
    Session buyer_ = client_session();
    Session admin_ = admin_session();
    Session clerk_ = client_session();
};

TEST_F(OrderHistoryTest, PlacingRecordsAPlacedEventByTheBuyer) {
    std::string id = place();
    Value events = orders_.events(buyer_, id);
    EXPECT_EQ(history(events), (std::vector<std::string>{buyer("placed ->placed")}));
    const Value &placed = events.find("items")->as_array().front();
    EXPECT_EQ(placed.find("at")->as_string(), "2026-09-21T14:13:20.000Z");
    // The order object itself stays without its history.
    EXPECT_EQ(orders_.get(buyer_, id).find("events"), nullptr);
}

TEST_F(OrderHistoryTest, EveryMoveIsAnEventOfWhoMadeItAndAFailedMoveIsNone) {
    std::string id = place();
    clock_.advance_ms(1000);
    orders_.change_status(clerk_, id, status_body("paid"));
    EXPECT_EQ(code_of([&] { orders_.change_status(clerk_, id, status_body("delivered")); }),
              ErrorCode::conflict);
    EXPECT_EQ(code_of([&] { orders_.change_status(buyer_, id, status_body("shipped")); }),
              ErrorCode::forbidden);
    clock_.advance_ms(1000);
    orders_.change_status(admin_, id, status_body("shipped"));
    orders_.change_status(admin_, id, status_body("delivered"));
    Value events = orders_.events(admin_, id);
    EXPECT_EQ(
        history(events),
        (std::vector<std::string>{
            buyer("placed ->placed"), "status_changed placed>paid " + clerk_.user_id,
            admin("status_changed paid>shipped"), admin("status_changed shipped>delivered")}));
    const auto &items = events.find("items")->as_array();
    EXPECT_EQ(items[1].find("at")->as_string(), "2026-09-21T14:13:21.000Z");
    EXPECT_EQ(items[3].find("at")->as_string(), "2026-09-21T14:13:22.000Z");
}

TEST_F(OrderHistoryTest, ACancellationIsOneEventOfWhoCancelledFromWhereItWas) {
    std::string by_owner = place();
    orders_.cancel(buyer_, by_owner);
    EXPECT_EQ(code_of([&] { orders_.cancel(buyer_, by_owner); }), ErrorCode::conflict);
    EXPECT_EQ(
        history(orders_.events(buyer_, by_owner)),
        (std::vector<std::string>{buyer("placed ->placed"), buyer("cancelled placed>cancelled")}));

    std::string by_manager = place();
    pay(by_manager, Value());
    orders_.change_status(clerk_, by_manager, status_body("cancelled"));
    EXPECT_EQ(
        history(orders_.events(buyer_, by_manager)),
        (std::vector<std::string>{buyer("placed ->placed"), admin("status_changed placed>paid"),
                                  "cancelled paid>cancelled " + clerk_.user_id}));
}

TEST_F(OrderHistoryTest, ACancellationCompletedByRecoverCarriesItsEventOnce) {
    std::string id = place();
    pay(id, Value());
    orders_.set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::line_returned)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(orders_.cancel(clerk_, id), SimulatedCrash);
    orders_.set_step_hook_for_testing(nullptr);
    const std::vector<std::string> expected = {buyer("placed ->placed"),
                                               admin("status_changed placed>paid"),
                                               "cancelled paid>cancelled " + clerk_.user_id};
    // Half-done, the order already shows cancelled, and so does its history.
    Value before = orders_.events(buyer_, id);
    EXPECT_EQ(history(before), expected);
    clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    EXPECT_EQ(orders_.recover().find("cancellations_completed")->as_integer(), 1);
    orders_.recover();
    EXPECT_EQ(history(orders_.events(buyer_, id)), expected);
    // The event says when the cancellation was asked for, whoever completed it.
    EXPECT_EQ(orders_.events(buyer_, id), before);
    StepsUnitOfWork work;
    auto stored = orders_repository_.find(work, id);
    EXPECT_EQ(stored->events.size(), 3U);
    EXPECT_FALSE(stored->pending_event.has_value());
    EXPECT_EQ(shelf_.stock(kPen), 100);
}

TEST_F(OrderHistoryTest, OnlyWhoMaySeeTheOrderSeesItsHistory) {
    std::string id = place();
    Session other = client_session();
    other.user_id = "00000000000000000000c002";
    Session staff = clerk_;
    staff.permissions = PermissionSet{};
    EXPECT_EQ(code_of([&] { orders_.events(other, id); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { orders_.events(staff, id); }), ErrorCode::not_found);
    EXPECT_NO_THROW(orders_.events(clerk_, id));
    EXPECT_EQ(code_of([&] { orders_.events(buyer_, "not-an-id"); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { orders_.events(buyer_, "0000000000000000000000ff"); }),
              ErrorCode::not_found);
    authenticator_.revoked = true;
    EXPECT_EQ(code_of([&] { orders_.events(buyer_, id); }), ErrorCode::unauthenticated);
}

TEST_F(OrderHistoryTest, AnOrderBeingPlacedHasNoHistoryToShow) {
    Value body = Value::object();
    body.set("product_id", kPen).set("quantity", 1);
    cart_.add_item(buyer_, body);
    orders_.set_step_hook_for_testing([](OrderStep step, std::size_t) {
        if (step == OrderStep::order_recorded)
            throw SimulatedCrash{};
    });
    EXPECT_THROW(orders_.place(buyer_, std::nullopt), SimulatedCrash);
    orders_.set_step_hook_for_testing(nullptr);
    auto pending = orders_repository_.stale(OrderStatus::pending, clock_.now_ms());
    ASSERT_EQ(pending.size(), 1U);
    EXPECT_EQ(code_of([&] { orders_.events(admin_, pending.front().id); }), ErrorCode::not_found);
}

TEST_F(OrderHistoryTest, AnOrderFromBeforeEventsStartsWithAPlacedEventFromItsCreation) {
    StepsUnitOfWork work;
    Order old;
    old.user_id = buyer_.user_id;
    old.created_at_ms = 1'700'000'000'000;
    old.updated_at_ms = old.created_at_ms;
    std::string id = *orders_repository_.insert_pending(work, old);
    OrderMove paid_back_then;  // written by a libstore that kept no events
    paid_back_then.from = {OrderStatus::pending};
    paid_back_then.to = OrderStatus::paid;
    paid_back_then.now_ms = old.created_at_ms;
    orders_repository_.transition(work, id, paid_back_then);
    Value events = orders_.events(buyer_, id);
    EXPECT_EQ(history(events), (std::vector<std::string>{buyer("placed ->placed")}));
    EXPECT_EQ(events.find("items")->as_array()[0].find("at")->as_string(),
              "2023-11-14T22:13:20.000Z");
    orders_.change_status(admin_, id, status_body("shipped"));
    EXPECT_EQ(
        history(orders_.events(buyer_, id)),
        (std::vector<std::string>{buyer("placed ->placed"), admin("status_changed paid>shipped")}));
}

TEST_F(OrderHistoryTest, ACancellationAnOlderLibstoreBeganIsCompletedWithAnEventOfNoActor) {
    StepsUnitOfWork work;
    Order old;
    old.user_id = buyer_.user_id;
    std::string id = *orders_repository_.insert_pending(work, old);
    OrderMove cancelling;  // no pending event kept
    cancelling.from = {OrderStatus::pending};
    cancelling.to = OrderStatus::cancelling;
    cancelling.now_ms = clock_.now_ms();
    orders_repository_.transition(work, id, cancelling);
    clock_.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    orders_.recover();
    EXPECT_EQ(history(orders_.events(buyer_, id)),
              (std::vector<std::string>{buyer("placed ->placed"), "cancelled placed>cancelled -"}));
}

TEST_F(OrderHistoryTest, APaymentReferenceIsKeptAndItsReplayWritesNothing) {
    std::string id = place();
    EXPECT_TRUE(orders_.get(buyer_, id).find("payment_reference")->is_null());
    Value paid = pay(id, "pi_123-ABC");
    EXPECT_EQ(paid.find("status")->as_string(), "paid");
    EXPECT_EQ(paid.find("payment_reference")->as_string(), "pi_123-ABC");
    int writes = orders_repository_.transitions;
    std::size_t audited = audit_entries_.entries.size();
    clock_.advance_ms(5000);
    // The provider's webhook again: the order as it is, and nothing written.
    EXPECT_EQ(pay(id, "pi_123-ABC"), paid);
    orders_.change_status(admin_, id, status_body("shipped"));
    writes += 1;
    audited += 1;
    Value shipped = orders_.get(admin_, id);
    EXPECT_EQ(pay(id, "pi_123-ABC"), shipped);  // late, after it shipped
    EXPECT_EQ(orders_repository_.transitions, writes);
    EXPECT_EQ(audit_entries_.entries.size(), audited);
    EXPECT_EQ(history(orders_.events(buyer_, id)).size(), 3U);
    // Another reference is a conflict on the field; no reference is the v1 conflict on status.
    std::string field;
    EXPECT_EQ(code_of([&] { pay(id, "pi_999"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "payment_reference");
    orders_.change_status(admin_, id, status_body("delivered"));
    EXPECT_EQ(code_of([&] { pay(id, Value()); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "status");
    EXPECT_EQ(pay(id, "pi_123-ABC").find("status")->as_string(), "delivered");
}

TEST_F(OrderHistoryTest, AReferenceOnAnOrderPaidWithoutOneIsAConflict) {
    std::string id = place();
    pay(id, Value());
    std::string field;
    EXPECT_EQ(code_of([&] { pay(id, "pi_1"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "payment_reference");
    // A cancelled order that was never paid refuses the move as before.
    std::string unpaid = place();
    orders_.cancel(buyer_, unpaid);
    EXPECT_EQ(code_of([&] { pay(unpaid, "pi_2"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "status");
}

TEST_F(OrderHistoryTest, APaidThenCancelledOrderTakesItsOwnReferenceReplayed) {
    std::string id = place();
    pay(id, "pi_7");
    orders_.cancel(buyer_, id);
    EXPECT_EQ(pay(id, "pi_7").find("status")->as_string(), "cancelled");
    std::string field;
    EXPECT_EQ(code_of([&] { pay(id, "pi_8"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "payment_reference");
}

TEST_F(OrderHistoryTest, BadPaymentReferencesAreRefusedNamingTheField) {
    std::string id = place();
    const std::vector<Value> bad = {Value(""),      Value(std::string(256, 'r')), Value("a b"),
                                    Value("tab\t"), Value("caf\xc3\xa9"),         Value(5),
                                    Value(true),    Value(Value::object())};
    for (const auto &reference : bad) {
        std::string field;
        EXPECT_EQ(code_of([&] { pay(id, reference); }, &field), ErrorCode::invalid_argument);
        EXPECT_EQ(field, "payment_reference");
    }
    for (const char *other : {"shipped", "cancelled", "delivered"}) {
        std::string field;
        EXPECT_EQ(
            code_of([&] { orders_.change_status(admin_, id, status_body(other, "pi_1")); }, &field),
            ErrorCode::invalid_argument);
        EXPECT_EQ(field, "payment_reference");
    }
    Value unknown = status_body("paid");
    unknown.set("payment", "pi_1");
    EXPECT_EQ(code_of([&] { orders_.change_status(admin_, id, unknown); }),
              ErrorCode::invalid_argument);
    EXPECT_EQ(orders_.get(admin_, id).find("status")->as_string(), "placed");
    EXPECT_EQ(orders_repository_.transitions, 0);
    // The longest reference allowed, and JSON null standing for none.
    EXPECT_EQ(pay(id, Value(std::string(255, '~'))).find("payment_reference")->as_string(),
              std::string(255, '~'));
    std::string other = place();
    Value null_reference = status_body("paid");
    null_reference.set("payment_reference", Value());
    EXPECT_TRUE(
        orders_.change_status(admin_, other, null_reference).find("payment_reference")->is_null());
}

TEST_F(OrderHistoryTest, OfTwoRacingPaymentsOnlyOneIsKept) {
    std::string id = place();
    auto overtake_with = [&](const std::string &reference) {
        orders_repository_.before_next_transition = [this, id, reference] {
            StepsUnitOfWork work;
            OrderMove other;
            other.from = {OrderStatus::placed};
            other.to = OrderStatus::paid;
            other.payment_reference = reference;
            orders_repository_.transition(work, id, other);
        };
    };
    overtake_with("pi_first");
    std::string field;
    EXPECT_EQ(code_of([&] { pay(id, "pi_second"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "payment_reference");
    EXPECT_EQ(orders_.get(admin_, id).find("payment_reference")->as_string(), "pi_first");
    // The overtaken move left no audit entry, committed or pending.
    EXPECT_TRUE(audit_entries_.entries.empty());

    // With the same reference, the one overtaken answers the order too.
    std::string again = place();
    id = again;
    overtake_with("pi_same");
    EXPECT_EQ(pay(again, "pi_same").find("payment_reference")->as_string(), "pi_same");
    EXPECT_TRUE(audit_entries_.entries.empty());
}

}  // namespace
}  // namespace libstore::testing
