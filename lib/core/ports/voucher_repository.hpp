// Port: where vouchers are kept, with the use counts checkout moves. Every change of a count by
// an order is recorded in the same atomic update (a mark naming the order, as the stock marks in
// ports/inventory_repository.hpp), so after a crash at any point exactly the uses an order holds
// can be found and given back once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ports/unit_of_work.hpp"
#include "core/vouchers/voucher.hpp"
#include "core/vouchers/voucher_input.hpp"

namespace libstore {

// redeemed: the order took a use; returned: its cancellation gave the use back.
enum class VoucherMark { redeemed, returned };

struct VoucherMarkRecord {
    std::string order_id;
    std::string voucher_id;
    std::optional<std::string> user_id;  // set for a mark on the user's count of the voucher
};

// What a redemption is checked against, besides the voucher's own limits.
struct RedemptionCheck {
    std::int64_t now_ms = 0;
    Cents subtotal_cents = 0;
};

class VoucherRepository {
  public:
    virtual ~VoucherRepository() = default;

    // Stores a new voucher (its id is ignored) carrying `audit_mark` and returns its id.
    // Error(conflict, "code") when another voucher has the same code_key.
    virtual std::string insert(const Voucher &voucher, const std::string &audit_mark) = 0;
    virtual std::optional<Voucher> find(const std::string &id) = 0;
    virtual std::optional<Voucher> find_by_code(const std::string &code_key) = 0;
    // Writes every field but `uses` (and the marks), with `audit_mark`, in one atomic step, if
    // the uses made meanwhile still fit changed.max_uses. The voucher afterwards; nullopt when
    // there is none with that id or the uses no longer fit. Error(conflict, "code") as insert.
    virtual std::optional<Voucher> update(const Voucher &changed,
                                          const std::string &audit_mark) = 0;
    // False when there was none with that id. Carts holding it are let go of by the caller.
    virtual bool remove(const std::string &id) = 0;
    // Newest first (created_at, id), strictly before query.before, at most `fetch_limit`.
    virtual std::vector<Voucher> list(const VoucherQuery &query, std::int64_t fetch_limit) = 0;

    // How many uses `user_id` holds of the voucher. One round trip.
    virtual std::int64_t user_uses(const std::string &voucher_id, const std::string &user_id) = 0;

    // Takes one use for `order_id` if the voucher is active, within its dates at check.now_ms,
    // has a use left and check.subtotal_cents reaches its min_subtotal; leaves the order's
    // `redeemed` mark. The voucher afterwards, or nullopt when it does not apply (or is gone).
    virtual std::optional<Voucher> redeem(UnitOfWork &work, const std::string &voucher_id,
                                          const RedemptionCheck &check,
                                          const std::string &order_id) = 0;
    // Counts the use on the user's tally if it stays within `max_per_user` (nullopt: no limit),
    // marking it with the order. False when the limit is reached.
    virtual bool count_user_use(UnitOfWork &work, const std::string &voucher_id,
                                const std::string &user_id,
                                const std::optional<std::int64_t> &max_per_user,
                                const std::string &order_id) = 0;
    // Gives back a use the order took (voucher and the user's tally), once: only where the
    // order's `redeemed` mark is, which it removes. One round trip each.
    virtual void undo_redeem(UnitOfWork &work, const std::string &voucher_id,
                             const std::string &user_id, const std::string &order_id) = 0;
    // Gives back a cancelled order's use (voucher and the user's tally), once: adds a `returned`
    // mark, doing nothing where it is already there. One round trip each.
    virtual void give_back(UnitOfWork &work, const std::string &voucher_id,
                           const std::string &user_id, const std::string &order_id) = 0;
    // Drops the order's marks of one kind from the voucher and the user's tally.
    virtual void clear_marks(UnitOfWork &work, const std::string &voucher_id,
                             const std::string &user_id, const std::string &order_id,
                             VoucherMark kind) = 0;
    // Every mark of `kind` still on a voucher or a user's tally.
    virtual std::vector<VoucherMarkRecord> marks(VoucherMark kind) = 0;
};

}  // namespace libstore
