// In-memory fakes of the cart, inventory and order ports, with the same contracts as the
// MongoDB adapters: conditional stock changes carry the order's mark, carts are versioned,
// idempotency keys are unique per user.
#pragma once

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>
#include <map>

#include "core/ports/cart_repository.hpp"
#include "core/ports/inventory_repository.hpp"
#include "core/ports/order_repository.hpp"
#include "fakes/order_moves.hpp"

namespace libstore::testing {

struct FakeShelf {
    struct Item {
        Product product;
        // (order, variant) -> quantity
        std::map<std::pair<std::string, std::string>, std::int64_t> taken_by;
        std::map<std::pair<std::string, std::string>, std::int64_t> returned_to;
    };
    std::map<std::string, Item> items;

    void add(const std::string &id, const std::string &name, Cents price, std::int64_t stock) {
        Product product;
        product.id = id;
        product.name = name;
        // One variant, with the product's id as its own (as products from before variants read).
        Variant only;
        only.id = id;
        only.price_cents = price;
        only.stock = stock;
        product.variants.push_back(only);
        derive_totals(product);
        items[id].product = product;
    }
    std::int64_t stock(const std::string &id) { return items.at(id).product.stock; }
    // The variant of `product_id` with that id, or nullptr.
    Variant *variant(const std::string &product_id, const std::string &variant_id) {
        auto it = items.find(product_id);
        if (it == items.end())
            return nullptr;
        for (auto &candidate : it->second.product.variants) {
            if (candidate.id == variant_id)
                return &candidate;
        }
        return nullptr;
    }
    std::vector<Product> products(const std::vector<std::string> &ids) {
        std::vector<Product> found;
        for (const auto &id : ids) {
            auto it = items.find(id);
            if (it != items.end())
                found.push_back(it->second.product);
        }
        return found;
    }
};

class FakeCartRepository final : public CartRepository {
  public:
    explicit FakeCartRepository(FakeShelf &shelf) : shelf_(shelf) {}

    CartSnapshot load(const std::string &user_id) override {
        CartSnapshot snapshot;
        snapshot.cart = carts_[user_id];
        snapshot.cart.user_id = user_id;
        if (snapshot.cart.voucher_id && voucher_lookup) {
            snapshot.voucher = voucher_lookup(*snapshot.cart.voucher_id);
        }
        std::vector<std::string> ids;
        for (const auto &line : snapshot.cart.lines)
            ids.push_back(line.product_id);
        snapshot.line_products = shelf_.products(ids);
        return snapshot;
    }
    CartChangeContext load_with_product(const std::string &user_id,
                                        const std::string &product_id) override {
        CartChangeContext context;
        auto found = shelf_.products({product_id});
        if (!found.empty()) {
            context.product = found.front();
            context.snapshot = load(user_id);
        }
        return context;
    }
    bool save(const Cart &cart) override {
        Cart &stored = carts_[cart.user_id];
        if (stored.version != cart.version)
            return false;
        stored.lines = cart.lines;
        stored.expires_at_ms = cart.expires_at_ms;
        stored.incarnation = cart.incarnation;
        ++stored.version;
        return true;
    }
    bool save_merged(UnitOfWork &, const Cart &cart, const std::string &incarnation) override {
        Cart &stored = carts_[cart.user_id];
        auto &merged = stored.merged_guest_carts;
        if (cart.version == 0 || stored.version != cart.version ||
            std::find(merged.begin(), merged.end(), incarnation) != merged.end())
            return false;
        stored.lines = cart.lines;
        if (cart.voucher_id) {
            stored.voucher_id = cart.voucher_id;
        }
        merged.push_back(incarnation);
        ++stored.version;
        return true;
    }
    void remove_guest(UnitOfWork &, const std::string &guest_key,
                      const std::string &incarnation) override {
        auto it = carts_.find(guest_key);
        if (it != carts_.end() && it->second.incarnation == incarnation)
            carts_.erase(it);
    }
    // Whether a cart document is stored under `key` (a merged guest cart is gone).
    bool stored(const std::string &key) const {
        auto it = carts_.find(key);
        return it != carts_.end() && it->second.version != 0;
    }
    TakenCart take_for_checkout(UnitOfWork &, const std::string &user_id,
                                const CheckoutMark &checkout) override {
        Cart &stored = carts_[user_id];
        TakenCart taken;
        if (stored.lines.empty()) {
            auto last = checkouts_.find(user_id);
            if (last != checkouts_.end())
                taken.last_checkout = last->second;
            return taken;
        }
        taken.lines = stored.lines;
        taken.voucher_id = stored.voucher_id;
        stored.voucher_id.reset();
        checkouts_[user_id] = checkout;
        empty(user_id);
        return taken;
    }
    void restore(UnitOfWork &, const std::string &user_id,
                 const std::vector<CartLine> &lines) override {
        Cart &stored = carts_[user_id];
        stored.lines.insert(stored.lines.end(), lines.begin(), lines.end());
        ++stored.version;
    }
    void clear(const std::string &user_id) override {
        empty(user_id);
        carts_[user_id].voucher_id.reset();
    }
    void set_voucher(const std::string &user_id, const std::optional<std::string> &voucher_id,
                     const std::optional<GuestCartStamp> &guest) override {
        Cart &stored = carts_[user_id];
        bool created = stored.version == 0;
        stored.voucher_id = voucher_id;
        ++stored.version;
        if (guest) {
            stored.expires_at_ms = guest->expires_at_ms;
            if (created) {
                stored.incarnation = guest->incarnation_if_new;
            }
        }
    }
    void restore_voucher(UnitOfWork &, const std::string &user_id,
                         const std::string &voucher_id) override {
        set_voucher(user_id, voucher_id, std::nullopt);
    }
    void release_voucher(const std::string &voucher_id) override {
        for (auto &[user, cart] : carts_) {
            if (cart.voucher_id == voucher_id)
                cart.voucher_id.reset();
        }
    }

    // How load() finds the voucher a cart names (the voucher fake's find), if set.
    std::function<std::optional<Voucher>(const std::string &)> voucher_lookup;

  private:
    void empty(const std::string &user_id) {
        Cart &stored = carts_[user_id];
        stored.lines.clear();
        ++stored.version;
    }

    FakeShelf &shelf_;
    std::map<std::string, Cart> carts_;
    std::map<std::string, CheckoutMark> checkouts_;
};

class FakeInventoryRepository final : public InventoryRepository {
  public:
    explicit FakeInventoryRepository(FakeShelf &shelf) : shelf_(shelf) {}

    std::vector<Product> find_many(const std::vector<std::string> &ids) override {
        return shelf_.products(ids);
    }
    std::optional<Product> take(UnitOfWork &, const std::string &product_id,
                                const std::string &variant_id, std::int64_t quantity,
                                const std::string &order_id) override {
        Variant *variant = shelf_.variant(product_id, variant_id);
        auto &item = shelf_.items[product_id];
        if (variant == nullptr || !item.product.in_stock || !variant->in_stock ||
            variant->stock < quantity) {
            return std::nullopt;
        }
        variant->stock -= quantity;
        derive_totals(item.product);
        item.taken_by[{order_id, variant_id}] = quantity;
        return item.product;
    }
    bool undo_take(UnitOfWork &, const std::string &product_id, const std::string &variant_id,
                   std::int64_t quantity, const std::string &order_id) override {
        auto &item = shelf_.items.at(product_id);
        if (item.taken_by.erase({order_id, variant_id}) == 0)
            return false;
        move_stock(product_id, variant_id, quantity);
        return true;
    }
    bool give_back(UnitOfWork &, const std::string &product_id, const std::string &variant_id,
                   std::int64_t quantity, const std::string &order_id) override {
        auto &item = shelf_.items.at(product_id);
        if (!item.returned_to.emplace(std::make_pair(order_id, variant_id), quantity).second)
            return false;
        move_stock(product_id, variant_id, quantity);
        return true;
    }
    void clear_marks(UnitOfWork &, const std::string &order_id,
                     const std::vector<std::string> &product_ids, StockMark kind) override {
        for (auto &[id, item] : shelf_.items) {
            bool listed = product_ids.empty() || std::find(product_ids.begin(), product_ids.end(),
                                                           id) != product_ids.end();
            if (!listed)
                continue;
            auto &marks = kind == StockMark::taken ? item.taken_by : item.returned_to;
            for (auto mark = marks.begin(); mark != marks.end();) {
                mark = mark->first.first == order_id ? marks.erase(mark) : std::next(mark);
            }
        }
    }
    std::vector<StockMarkRecord> marks(StockMark kind) override {
        std::vector<StockMarkRecord> records;
        for (auto &[id, item] : shelf_.items) {
            for (auto &[mark, quantity] :
                 kind == StockMark::taken ? item.taken_by : item.returned_to) {
                records.push_back(StockMarkRecord{mark.first, id, mark.second, quantity});
            }
        }
        return records;
    }

  private:
    void move_stock(const std::string &product_id, const std::string &variant_id,
                    std::int64_t delta) {
        if (Variant *variant = shelf_.variant(product_id, variant_id)) {
            variant->stock += delta;
            derive_totals(shelf_.items.at(product_id).product);
        }
    }

    FakeShelf &shelf_;
};

class FakeOrderRepository final : public OrderRepository {
  public:
    // Audit marks left by transition(), by order id.
    std::map<std::string, std::vector<std::string>> audit_marks;
    // Moves made (writes), to show that a replay writes nothing.
    int transitions = 0;
    // The drafts each order's writes pushed into its outbox, in order, by order id.
    std::map<std::string, EventDrafts> outboxes;
    // Runs once, at the start of the next transition(): another writer getting there first.
    std::function<void()> before_next_transition;

    std::optional<std::string> insert_pending(UnitOfWork &, const Order &order) override {
        if (order.idempotency_key) {
            for (const auto &[id, existing] : orders_) {
                if (existing.user_id == order.user_id &&
                    existing.idempotency_key == order.idempotency_key) {
                    return std::nullopt;
                }
            }
        }
        char id[25];
        std::snprintf(id, sizeof id, "%024x", ++next_id_);
        Order stored = order;
        stored.id = id;
        orders_[stored.id] = stored;
        return stored.id;
    }
    std::optional<Order> find(UnitOfWork &, const std::string &id) override {
        auto it = orders_.find(id);
        return it == orders_.end() ? std::nullopt : std::optional<Order>(it->second);
    }
    std::optional<Order> find_by_idempotency_key(UnitOfWork &, const std::string &user_id,
                                                 const std::string &key) override {
        for (const auto &[id, order] : orders_) {
            if (order.user_id == user_id && order.idempotency_key == key)
                return order;
        }
        return std::nullopt;
    }
    bool mark_placed(UnitOfWork &, const std::string &id, const std::vector<OrderLine> &lines,
                     Cents total_cents, std::int64_t now_ms, const OrderEvent &placed,
                     const OrderDiscount &discount, const EventDrafts &outbox) override {
        auto it = orders_.find(id);
        if (it == orders_.end() || it->second.status != OrderStatus::pending)
            return false;
        it->second.lines = lines;
        it->second.total_cents = total_cents;
        it->second.discount_cents = discount.discount_cents;
        it->second.voucher_code = discount.voucher_code;
        it->second.status = OrderStatus::placed;
        it->second.updated_at_ms = now_ms;
        it->second.events.push_back(placed);
        outboxes[id].insert(outboxes[id].end(), outbox.begin(), outbox.end());
        return true;
    }
    std::optional<Order> transition(UnitOfWork &, const std::string &id,
                                    const OrderMove &move) override {
        if (auto overtaking = std::exchange(before_next_transition, nullptr)) {
            overtaking();
        }
        auto it = orders_.find(id);
        if (it == orders_.end() || !apply_move(it->second, move)) {
            return std::nullopt;
        }
        ++transitions;
        outboxes[id].insert(outboxes[id].end(), move.outbox.begin(), move.outbox.end());
        if (!move.audit_mark.empty()) {
            audit_marks[id].push_back(move.audit_mark);
        }
        return it->second;
    }
    bool remove_pending(UnitOfWork &, const std::string &id) override {
        auto it = orders_.find(id);
        if (it == orders_.end() || it->second.status != OrderStatus::pending) {
            return false;
        }
        orders_.erase(it);
        return true;
    }
    std::vector<Order> list(const OrderQuery &query, std::int64_t limit) override {
        std::vector<Order> result;
        for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {
            const Order &order = it->second;
            if (order.status == OrderStatus::pending)
                continue;
            if (query.user_id && order.user_id != *query.user_id)
                continue;
            if (query.status && order.status != *query.status)
                continue;
            if (query.before_id && order.id >= *query.before_id)
                continue;
            if (static_cast<std::int64_t>(result.size()) == limit)
                break;
            result.push_back(order);
        }
        return result;
    }
    std::vector<Order> stale(OrderStatus status, std::int64_t before_ms) override {
        std::vector<Order> result;
        for (const auto &[id, order] : orders_) {
            if (order.status == status && order.updated_at_ms <= before_ms)
                result.push_back(order);
        }
        return result;
    }

  private:
    std::map<std::string, Order> orders_;
    unsigned next_id_ = 0;
};

}  // namespace libstore::testing
