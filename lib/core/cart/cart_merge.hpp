// Merging a guest's cart into a user's, at login or on request.
//
// Rules: quantities of the same variant add up, capped at the variant's stock and at 1000 (a
// merge never lowers what the user's own line holds); lines of hidden or deleted products, and
// of switched-off or deleted variants, are dropped; the guest cart is gone afterwards.
//
// Merging once, whatever happens: the merge is (1) one conditional update of the user's cart,
// applying only to the version it was read at and only if the guest cart's incarnation is not
// yet recorded among the carts merged into it, which records it; then (2) the deletion of that
// incarnation of the guest cart. With transactions both are one transaction. Without, a crash
// between them leaves the incarnation recorded, and the next merge of that cart (or its TTL)
// only deletes it; a merge racing another of the same cart loses the conditional update, re-reads
// and finds the incarnation recorded. Cost: the user's recheck, one read of each cart (with its
// products), one update, one delete.
//
// A change the guest makes to their cart while it is being merged may be left out of it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/cart/cart_service.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/database.hpp"
#include "core/value.hpp"

namespace libstore {

// Points between the steps of a merge, for crash tests.
enum class MergeStep {
    user_cart_saved,
    guest_cart_removed,
};

struct CartMergePorts {
    Database &database;
    CartRepository &carts;
    CartService &cart_service;  // the caller's cart key and guest expiry
};

// The merged lines of `user` and `guest` (whose products are `guest_products`) by the rules
// above; the user's own lines are kept as they are otherwise.
std::vector<CartLine> merged_lines(const Cart &user, const Cart &guest,
                                   const std::vector<Product> &guest_products);

// What a merged cart keeps of the two carts' other state. The vouchers work keeps the user's
// voucher, else takes the guest's: this is the one place for it.
void merge_cart_extras(const Cart &guest, Cart &user);

class CartMerge {
  public:
    explicit CartMerge(CartMergePorts ports) : ports_(ports) {}

    // Merges the guest cart `guest_key` into the session user's cart and returns the user's
    // cart. An absent, expired or empty guest cart merges as nothing.
    Value merge(const Session &user, const std::string &guest_key);

    // Test-only: called at every MergeStep; a hook that throws simulates a crash there.
    using StepHook = std::function<void(MergeStep step)>;
    void set_step_hook_for_testing(StepHook hook) { step_hook_ = std::move(hook); }

  private:
    void step(MergeStep at) {
        if (step_hook_) {
            step_hook_(at);
        }
    }

    CartMergePorts ports_;
    StepHook step_hook_;
};

}  // namespace libstore
