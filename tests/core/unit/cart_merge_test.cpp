// Guest carts over in-memory fakes: a guest session reaches its cart and nothing else, expiry,
// and every merge rule — quantities add up capped at stock and 1000, hidden and deleted lines
// dropped, the guest cart gone, a repeated or raced merge merging once, a crash at every merge
// step followed by a merge again.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/cart/cart_merge.hpp"
#include "core/cart/cart_service.hpp"
#include "core/cart/guest_cart_token.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_database.hpp"
#include "fakes/fake_orders.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

struct SimulatedCrash {};

const std::string kPen = "0000000000000000000000a1";
const std::string kInk = "0000000000000000000000a2";
const std::string kCap = "0000000000000000000000a3";
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// Cart tokens of the real shape, and distinct incarnations.
class ShapedTokens final : public OpaqueTokens {
  public:
    std::string generate() override {
        std::string token = "t" + std::to_string(++generated);
        token.resize(kCartTokenLength, 'x');
        return token;
    }
    std::string digest(const std::string &token) override { return "sha:" + token; }
    int generated = 0;
};

// The carts fake, with a rival merge let in just before this merge's conditional update.
class RacedCarts final : public CartRepository {
  public:
    explicit RacedCarts(FakeCartRepository &carts) : carts_(carts) {}
    std::function<void()> before_save_merged;

    CartSnapshot load(const std::string &key) override { return carts_.load(key); }
    CartChangeContext load_with_product(const std::string &key, const std::string &id) override {
        return carts_.load_with_product(key, id);
    }
    bool save(const Cart &cart) override { return carts_.save(cart); }
    TakenCart take_for_checkout(UnitOfWork &work, const std::string &key,
                                const CheckoutMark &mark) override {
        return carts_.take_for_checkout(work, key, mark);
    }
    void restore(UnitOfWork &work, const std::string &key,
                 const std::vector<CartLine> &lines) override {
        carts_.restore(work, key, lines);
    }
    void clear(const std::string &key) override { carts_.clear(key); }
    bool save_merged(UnitOfWork &work, const Cart &cart, const std::string &inc) override {
        if (auto rival = std::exchange(before_save_merged, nullptr)) {
            rival();
        }
        return carts_.save_merged(work, cart, inc);
    }
    void remove_guest(UnitOfWork &work, const std::string &key, const std::string &inc) override {
        carts_.remove_guest(work, key, inc);
    }
    void set_voucher(const std::string &key, const std::optional<std::string> &voucher_id,
                     const std::optional<GuestCartStamp> &guest) override {
        carts_.set_voucher(key, voucher_id, guest);
    }
    void restore_voucher(UnitOfWork &work, const std::string &key,
                         const std::string &voucher_id) override {
        carts_.restore_voucher(work, key, voucher_id);
    }
    void release_voucher(const std::string &voucher_id) override {
        carts_.release_voucher(voucher_id);
    }

  private:
    FakeCartRepository &carts_;
};

class CartMergeTest : public ::testing::Test {
  protected:
    CartMergeTest()
        : stored_(shelf_),
          carts_(stored_),
          cart_(carts_, authenticator_, GuestCartPolicy{&clock_, &tokens_, 30 * kDayMs}),
          merge_(CartMergePorts{database_, carts_, cart_}),
          rival_merge_(CartMergePorts{database_, stored_, cart_}) {
        shelf_.add(kPen, "Pen", 1999, 10);
        shelf_.add(kInk, "Ink", 500, 3);
        shelf_.add(kCap, "Cap", 100, 5000);
        guest_token_ = tokens_.generate();
        guest_.guest_cart_key = guest_cart_key(tokens_, guest_token_);
    }

    void add(const Session &who, const std::string &product_id, std::int64_t quantity) {
        Value body = Value::object();
        body.set("product_id", product_id).set("quantity", quantity);
        cart_.add_item(who, body);
    }

    // product id -> quantity of a cart answer.
    static std::map<std::string, std::int64_t> lines_of(const Value &cart) {
        std::map<std::string, std::int64_t> lines;
        for (const auto &item : cart.find("items")->as_array()) {
            lines[item.find("product_id")->as_string()] = item.find("quantity")->as_integer();
        }
        return lines;
    }

    Value merge() { return merge_.merge(user_, *guest_.guest_cart_key); }

    FakeShelf shelf_;
    FakeDatabase database_;
    FakeCartRepository stored_;
    RacedCarts carts_;
    FakeAuthenticator authenticator_;
    ManualClock clock_;
    ShapedTokens tokens_;
    CartService cart_;
    CartMerge merge_;
    CartMerge rival_merge_;
    std::string guest_token_;
    Session guest_;
    Session user_ = client_session();
};

TEST(GuestCartToken, OnlyTheShapeGenerateMakesIsACartToken) {
    EXPECT_TRUE(is_cart_token(std::string(43, 'a')));
    EXPECT_TRUE(is_cart_token("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9"));
    EXPECT_FALSE(is_cart_token(std::string(42, 'a')));
    EXPECT_FALSE(is_cart_token(std::string(44, 'a')));
    EXPECT_FALSE(is_cart_token(std::string(42, 'a') + "="));
    EXPECT_FALSE(is_cart_token(std::string(42, 'a') + "\n"));
    EXPECT_FALSE(is_cart_token(""));
    EXPECT_TRUE(is_guest_cart_key("guest:abc"));
    EXPECT_FALSE(is_guest_cart_key("00000000000000000000c001"));
}

TEST_F(CartMergeTest, AGuestCartFollowsTheCartRulesUnderItsOwnKey) {
    add(guest_, kPen, 2);
    EXPECT_EQ(lines_of(cart_.view(guest_)), (std::map<std::string, std::int64_t>{{kPen, 2}}));
    EXPECT_TRUE(lines_of(cart_.view(user_)).empty());
    EXPECT_EQ(code_of([&] { add(guest_, kPen, 9); }), ErrorCode::conflict);  // 11 > stock 10
    shelf_.items[kInk].product.in_stock = false;
    EXPECT_EQ(code_of([&] { add(guest_, kInk, 1); }), ErrorCode::not_found);
    EXPECT_EQ(authenticator_.rechecks, 1);  // the user's view only: guests are not rechecked
}

TEST_F(CartMergeTest, AGuestSessionIsRefusedByTheAuthenticator) {
    EXPECT_EQ(code_of([&] { authenticator_.recheck(guest_); }), ErrorCode::unauthenticated);
    EXPECT_EQ(code_of([&] { merge_.merge(guest_, *guest_.guest_cart_key); }),
              ErrorCode::unauthenticated);
}

TEST_F(CartMergeTest, WithoutAGuestPolicyGuestSessionsAreRefused) {
    CartService users_only(carts_, authenticator_);
    EXPECT_EQ(code_of([&] { users_only.view(guest_); }), ErrorCode::unauthenticated);
}

TEST_F(CartMergeTest, EveryChangeMovesTheExpiryOnAndAnExpiredCartReadsEmpty) {
    add(guest_, kPen, 1);
    std::int64_t first = stored_.load(*guest_.guest_cart_key).cart.expires_at_ms;
    EXPECT_EQ(first, clock_.now_ms() + 30 * kDayMs);
    clock_.advance_ms(29 * kDayMs);
    add(guest_, kPen, 1);
    EXPECT_EQ(stored_.load(*guest_.guest_cart_key).cart.expires_at_ms, first + 29 * kDayMs);
    EXPECT_EQ(lines_of(cart_.view(guest_))[kPen], 2);
    clock_.advance_ms(30 * kDayMs);
    EXPECT_TRUE(lines_of(cart_.view(guest_)).empty());
    add(guest_, kInk, 1);  // a new life of the cart: the expired lines do not come back
    EXPECT_EQ(lines_of(cart_.view(guest_)), (std::map<std::string, std::int64_t>{{kInk, 1}}));
    EXPECT_TRUE(stored_.load(user_.user_id).cart.expires_at_ms == 0);
}

TEST_F(CartMergeTest, QuantitiesAddUpAndTheGuestCartIsGone) {
    add(user_, kPen, 2);
    add(guest_, kPen, 3);
    add(guest_, kInk, 1);
    auto merged = lines_of(merge());
    EXPECT_EQ(merged, (std::map<std::string, std::int64_t>{{kPen, 5}, {kInk, 1}}));
    EXPECT_EQ(lines_of(cart_.view(user_)), merged);
    EXPECT_FALSE(stored_.stored(*guest_.guest_cart_key));
    EXPECT_TRUE(lines_of(cart_.view(guest_)).empty());
}

TEST_F(CartMergeTest, SumsAreCappedAtStockAndAt1000NeverBelowTheUsersLine) {
    add(user_, kPen, 8);
    add(guest_, kPen, 8);  // 16 > stock 10
    add(user_, kCap, 900);
    add(guest_, kCap, 900);  // 1800 > 1000
    add(guest_, kInk, 3);
    shelf_.variant(kInk, kInk)->stock = 1;  // sold since the guest added it
    auto merged = lines_of(merge());
    EXPECT_EQ(merged[kPen], 10);
    EXPECT_EQ(merged[kCap], 1000);
    EXPECT_EQ(merged[kInk], 1);

    // A user line over the stock (the stock fell) is left as it is, not lowered by a merge.
    Session other_guest;
    other_guest.guest_cart_key = guest_cart_key(tokens_, tokens_.generate());
    add(other_guest, kPen, 1);
    shelf_.variant(kPen, kPen)->stock = 4;
    EXPECT_EQ(lines_of(merge_.merge(user_, *other_guest.guest_cart_key))[kPen], 10);
}

TEST_F(CartMergeTest, LinesOfHiddenDeletedOrSwitchedOffProductsAreDropped) {
    add(guest_, kPen, 1);
    add(guest_, kInk, 1);
    add(guest_, kCap, 1);
    shelf_.items[kPen].product.in_stock = false;   // hidden
    shelf_.items.erase(kInk);                      // deleted
    shelf_.variant(kCap, kCap)->in_stock = false;  // variant switched off
    EXPECT_TRUE(lines_of(merge()).empty());
    EXPECT_FALSE(stored_.stored(*guest_.guest_cart_key));
}

TEST_F(CartMergeTest, AnOutOfStockVariantAddsNothing) {
    add(guest_, kInk, 2);
    shelf_.variant(kInk, kInk)->stock = 0;
    EXPECT_TRUE(lines_of(merge()).empty());
}

TEST_F(CartMergeTest, AnUnknownOrEmptyGuestCartMergesNothing) {
    add(user_, kPen, 1);
    EXPECT_EQ(lines_of(merge()), (std::map<std::string, std::int64_t>{{kPen, 1}}));
    add(guest_, kInk, 1);
    cart_.clear(guest_);
    EXPECT_EQ(lines_of(merge()), (std::map<std::string, std::int64_t>{{kPen, 1}}));
    EXPECT_FALSE(stored_.stored(*guest_.guest_cart_key));
}

TEST_F(CartMergeTest, AnExpiredGuestCartMergesNothingAndIsDeleted) {
    add(guest_, kInk, 1);
    clock_.advance_ms(31 * kDayMs);
    EXPECT_TRUE(lines_of(merge()).empty());
    EXPECT_FALSE(stored_.stored(*guest_.guest_cart_key));
}

TEST_F(CartMergeTest, ASecondMergeMergesNothing) {
    add(guest_, kPen, 3);
    merge();
    EXPECT_EQ(lines_of(merge())[kPen], 3);
}

TEST_F(CartMergeTest, TheSameTokenUsedAgainAfterAMergeMakesANewCartThatMergesToo) {
    add(guest_, kPen, 3);
    merge();
    add(guest_, kPen, 2);  // the guest goes on with the same token
    EXPECT_EQ(lines_of(merge())[kPen], 5);
}

TEST_F(CartMergeTest, AMergeRacingAnotherOfTheSameCartMergesItOnce) {
    add(user_, kPen, 1);
    add(guest_, kPen, 2);
    carts_.before_save_merged = [&] { rival_merge_.merge(user_, *guest_.guest_cart_key); };
    EXPECT_EQ(lines_of(merge())[kPen], 3);
    EXPECT_EQ(lines_of(cart_.view(user_))[kPen], 3);
}

TEST_F(CartMergeTest, AMergeRacingARivalThatCrashedAfterItsUpdateOnlyDeletes) {
    add(guest_, kPen, 2);
    rival_merge_.set_step_hook_for_testing([](MergeStep at) {
        if (at == MergeStep::user_cart_saved)
            throw SimulatedCrash{};
    });
    carts_.before_save_merged = [&] {
        EXPECT_THROW(rival_merge_.merge(user_, *guest_.guest_cart_key), SimulatedCrash);
    };
    EXPECT_EQ(lines_of(merge())[kPen], 2);
    EXPECT_FALSE(stored_.stored(*guest_.guest_cart_key));
}

TEST_F(CartMergeTest, ACrashAtEveryStepThenAMergeAgainMergesOnce) {
    for (MergeStep crash_at : {MergeStep::user_cart_saved, MergeStep::guest_cart_removed}) {
        SCOPED_TRACE(static_cast<int>(crash_at));
        cart_.clear(user_);
        Session guest;
        guest.guest_cart_key = guest_cart_key(tokens_, tokens_.generate());
        add(user_, kPen, 1);
        add(guest, kPen, 2);
        add(guest, kInk, 1);
        merge_.set_step_hook_for_testing([crash_at](MergeStep at) {
            if (at == crash_at)
                throw SimulatedCrash{};
        });
        EXPECT_THROW(merge_.merge(user_, *guest.guest_cart_key), SimulatedCrash);
        merge_.set_step_hook_for_testing(nullptr);
        // The recorded-sequence path: the update stands; the guest lines are not lost...
        EXPECT_EQ(lines_of(cart_.view(user_))[kPen], 3);
        // ...nor added twice by the merge that finishes the job.
        auto merged = lines_of(merge_.merge(user_, *guest.guest_cart_key));
        EXPECT_EQ(merged, (std::map<std::string, std::int64_t>{{kPen, 3}, {kInk, 1}}));
        EXPECT_FALSE(stored_.stored(*guest.guest_cart_key));
    }
}

TEST_F(CartMergeTest, AUserWhoseTokenIsRevokedCannotMerge) {
    add(guest_, kPen, 1);
    authenticator_.revoked = true;
    EXPECT_EQ(code_of([&] { merge(); }), ErrorCode::unauthenticated);
    EXPECT_TRUE(stored_.stored(*guest_.guest_cart_key));
}

TEST(CartMergeRules, MergedLinesKeepTheUsersOtherLinesInOrder) {
    FakeShelf shelf;
    shelf.add(kPen, "Pen", 100, 10);
    shelf.add(kInk, "Ink", 100, 10);
    Cart user;
    user.lines = {{kInk, kInk, 1}};
    Cart guest;
    guest.lines = {{kPen, kPen, 2}, {kInk, kInk, 4}};
    auto lines = merged_lines(user, guest, shelf.products({kPen, kInk}));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].product_id, kInk);
    EXPECT_EQ(lines[0].quantity, 5);
    EXPECT_EQ(lines[1].product_id, kPen);
    EXPECT_EQ(lines[1].quantity, 2);
}

}  // namespace
TEST_F(CartMergeTest, TheMergeKeepsTheUsersVoucherElseTakesTheGuests) {
    const std::string guest_key = *guest_.guest_cart_key;
    add(guest_, kPen, 1);
    cart_.write_voucher(guest_key, std::string("0000000000000000000000f1"));
    // A voucher written on a guest cart moves its expiry on as every change does.
    EXPECT_EQ(stored_.load(guest_key).cart.expires_at_ms, clock_.now_ms() + 30 * kDayMs);
    merge();
    EXPECT_EQ(stored_.load(user_.user_id).cart.voucher_id, "0000000000000000000000f1");

    // The user's own voucher wins over the guest's.
    add(guest_, kInk, 1);
    cart_.write_voucher(guest_key, std::string("0000000000000000000000f2"));
    merge();
    EXPECT_EQ(stored_.load(user_.user_id).cart.voucher_id, "0000000000000000000000f1");
    EXPECT_EQ(lines_of(cart_.view(user_)),
              (std::map<std::string, std::int64_t>{{kPen, 1}, {kInk, 1}}));
}

}  // namespace libstore::testing
