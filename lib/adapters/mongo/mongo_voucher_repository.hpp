// VoucherRepository over MongoDB. Documents in `vouchers`:
//   {_id, code, code_lower (unique index), kind: "percent"|"fixed", value (percent, or cents),
//    min_subtotal_cents, starts_at|null, ends_at|null, max_uses|null, max_uses_per_user|null,
//    uses, active, created_at, updated_at, redeemed_by: [order ids], returned_to: [order ids]}
// and in `voucher_uses`, one per (voucher, user) that used it (the user's tally):
//   {_id: "<voucher id>:<user id>", voucher_id, user_id, count, redeemed_by, returned_to}
// redeemed_by/returned_to are the marks of ports/voucher_repository.hpp, each pushed by the
// same update that moves the count.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/voucher_repository.hpp"

namespace libstore::mongo {

class MongoVoucherRepository final : public VoucherRepository {
  public:
    explicit MongoVoucherRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::string insert(const Voucher &voucher, const std::string &audit_mark) override;
    std::optional<Voucher> find(const std::string &id) override;
    std::optional<Voucher> find_by_code(const std::string &code_key) override;
    std::optional<Voucher> update(const Voucher &changed, const std::string &audit_mark) override;
    bool remove(const std::string &id) override;
    std::vector<Voucher> list(const VoucherQuery &query, std::int64_t fetch_limit) override;
    std::int64_t user_uses(const std::string &voucher_id, const std::string &user_id) override;
    std::optional<Voucher> redeem(UnitOfWork &work, const std::string &voucher_id,
                                  const RedemptionCheck &check,
                                  const std::string &order_id) override;
    bool count_user_use(UnitOfWork &work, const std::string &voucher_id, const std::string &user_id,
                        const std::optional<std::int64_t> &max_per_user,
                        const std::string &order_id) override;
    void undo_redeem(UnitOfWork &work, const std::string &voucher_id, const std::string &user_id,
                     const std::string &order_id) override;
    void give_back(UnitOfWork &work, const std::string &voucher_id, const std::string &user_id,
                   const std::string &order_id) override;
    void clear_marks(UnitOfWork &work, const std::string &voucher_id, const std::string &user_id,
                     const std::string &order_id, VoucherMark kind) override;
    std::vector<VoucherMarkRecord> marks(VoucherMark kind) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
