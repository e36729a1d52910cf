// Port: product stock as orders take and return it. Every change of stock by an order is
// recorded on the product in the same atomic update (a "mark" naming the order), so after a
// crash at any point the exact stock an order holds can be found and given back once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/product.hpp"
#include "core/ports/unit_of_work.hpp"

namespace libstore {

enum class StockMark { taken, returned };

struct StockMarkRecord {
    std::string order_id;
    std::string product_id;
    std::string variant_id;  // marks left before variants existed: the product's id
    std::int64_t quantity = 0;
};

class InventoryRepository {
  public:
    virtual ~InventoryRepository() = default;

    // Products with these ids (absent ones are skipped). One round trip.
    virtual std::vector<Product> find_many(const std::vector<std::string> &ids) = 0;

    // Takes `quantity` from a purchasable variant (it and its product switched on) with that
    // much stock, marking the product taken by `order_id` for that variant; returns the product
    // afterwards (name, the variant's price, SKU and options for the snapshot), or nullopt when
    // the product or variant is missing, hidden or short. One round trip.
    virtual std::optional<Product> take(UnitOfWork &work, const std::string &product_id,
                                        const std::string &variant_id, std::int64_t quantity,
                                        const std::string &order_id) = 0;

    // Gives back stock an order took, once: only while the product carries the order's
    // `taken` mark for that variant, which it removes. False when there was nothing to give
    // back.
    virtual bool undo_take(UnitOfWork &work, const std::string &product_id,
                           const std::string &variant_id, std::int64_t quantity,
                           const std::string &order_id) = 0;

    // Returns stock of a cancelled order's line, once: adds a `returned` mark for the variant;
    // does nothing when the mark is already there. False when it was. (A variant deleted since
    // gets nothing back.)
    virtual bool give_back(UnitOfWork &work, const std::string &product_id,
                           const std::string &variant_id, std::int64_t quantity,
                           const std::string &order_id) = 0;

    // Drops the marks of one kind an order left on these products (after it was settled); on
    // every product when `product_ids` is empty. One round trip.
    virtual void clear_marks(UnitOfWork &work, const std::string &order_id,
                             const std::vector<std::string> &product_ids, StockMark kind) = 0;

    // Every mark of `kind` still on some product.
    virtual std::vector<StockMarkRecord> marks(StockMark kind) = 0;
};

}  // namespace libstore
