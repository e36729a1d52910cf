// CartRepository over MongoDB: one document per user ({_id: user id, items, version, checkout:
// {key, at}, voucher_id?}).
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/cart_repository.hpp"

namespace libstore::mongo {

class MongoCartRepository final : public CartRepository {
  public:
    explicit MongoCartRepository(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    CartSnapshot load(const std::string &user_id) override;
    CartChangeContext load_with_product(const std::string &user_id,
                                        const std::string &product_id) override;
    bool save(const Cart &cart) override;
    TakenCart take_for_checkout(UnitOfWork &work, const std::string &user_id,
                                const CheckoutMark &checkout) override;
    void restore(UnitOfWork &work, const std::string &user_id,
                 const std::vector<CartLine> &lines) override;
    void clear(const std::string &user_id) override;
    bool save_merged(UnitOfWork &work, const Cart &cart, const std::string &incarnation) override;
    void remove_guest(UnitOfWork &work, const std::string &guest_key,
                      const std::string &incarnation) override;
    void set_voucher(const std::string &cart_key, const std::optional<std::string> &voucher_id,
                     const std::optional<GuestCartStamp> &guest) override;
    void restore_voucher(UnitOfWork &work, const std::string &user_id,
                         const std::string &voucher_id) override;
    void release_voucher(const std::string &voucher_id) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
