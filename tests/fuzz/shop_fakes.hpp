// In-memory carts, stock and orders for the cart/order harness: just enough of the repository
// contracts (lib/core/ports) for CartService and OrderService to run without a database.
#pragma once

#include <algorithm>
#include <functional>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/catalog/product.hpp"
#include "core/orders/order.hpp"
#include "core/ports/cart_repository.hpp"
#include "core/ports/inventory_repository.hpp"
#include "core/ports/order_repository.hpp"
#include "fakes/order_moves.hpp"

namespace libstore::fuzz {

struct ShopState {
    std::map<std::string, Product> products;
    std::map<std::string, std::int64_t> initial_stock;
    std::map<std::string, Cart> carts;
    std::map<std::string, CheckoutMark> checkouts;
    std::map<std::string, Order> orders;
    // (order id, product id, kind) -> quantity
    std::map<std::tuple<std::string, std::string, int>, std::int64_t> marks;
    unsigned next_order = 0;

    void add_product(const std::string &id, const std::string &name, Cents price,
                     std::int64_t stock, bool in_stock) {
        Product product;
        product.id = id;
        product.name = name;
        product.name_key = name;
        product.in_stock = in_stock;
        // One variant whose id is the product's, as products from before variants read.
        Variant only;
        only.id = id;
        only.price_cents = price;
        only.stock = stock;
        product.variants.push_back(only);
        derive_totals(product);
        products[id] = product;
        initial_stock[id] = stock;
    }

    std::vector<Product> products_of(const Cart &cart) const {
        std::vector<Product> found;
        for (const auto &line : cart.lines) {
            auto it = products.find(line.product_id);
            if (it != products.end()) {
                found.push_back(it->second);
            }
        }
        return found;
    }
};

class FakeCarts final : public CartRepository {
  public:
    explicit FakeCarts(ShopState &state) : state_(state) {}

    CartSnapshot load(const std::string &user_id) override {
        CartSnapshot snapshot;
        auto it = state_.carts.find(user_id);
        if (it != state_.carts.end()) {
            snapshot.cart = it->second;
        }
        snapshot.cart.user_id = user_id;
        snapshot.line_products = state_.products_of(snapshot.cart);
        if (snapshot.cart.voucher_id && voucher_lookup) {
            snapshot.voucher = voucher_lookup(*snapshot.cart.voucher_id);
        }
        return snapshot;
    }

    CartChangeContext load_with_product(const std::string &user_id,
                                        const std::string &product_id) override {
        CartChangeContext context;
        auto it = state_.products.find(product_id);
        if (it != state_.products.end()) {
            context.product = it->second;
            context.snapshot = load(user_id);
        }
        return context;
    }

    bool save(const Cart &cart) override {
        Cart &stored = state_.carts[cart.user_id];
        if (stored.version != cart.version) {
            return false;
        }
        stored.user_id = cart.user_id;
        stored.lines = cart.lines;
        stored.expires_at_ms = cart.expires_at_ms;
        stored.incarnation = cart.incarnation;
        stored.version = cart.version + 1;
        return true;
    }

    bool save_merged(UnitOfWork &, const Cart &cart, const std::string &incarnation) override {
        Cart &stored = state_.carts[cart.user_id];
        auto &merged = stored.merged_guest_carts;
        if (cart.version == 0 || stored.version != cart.version ||
            std::find(merged.begin(), merged.end(), incarnation) != merged.end()) {
            return false;
        }
        stored.user_id = cart.user_id;
        stored.lines = cart.lines;
        if (cart.voucher_id) {
            stored.voucher_id = cart.voucher_id;
        }
        merged.push_back(incarnation);
        stored.version = cart.version + 1;
        return true;
    }

    void remove_guest(UnitOfWork &, const std::string &guest_key,
                      const std::string &incarnation) override {
        auto it = state_.carts.find(guest_key);
        if (it != state_.carts.end() && it->second.incarnation == incarnation) {
            state_.carts.erase(it);
        }
    }

    TakenCart take_for_checkout(UnitOfWork &, const std::string &user_id,
                                const CheckoutMark &checkout) override {
        Cart &stored = state_.carts[user_id];
        TakenCart taken;
        if (stored.lines.empty()) {
            auto last = state_.checkouts.find(user_id);
            if (last != state_.checkouts.end()) {
                taken.last_checkout = last->second;
            }
            return taken;
        }
        taken.lines = std::move(stored.lines);
        taken.voucher_id = stored.voucher_id;
        stored.voucher_id.reset();
        stored.lines.clear();
        ++stored.version;
        state_.checkouts[user_id] = checkout;
        return taken;
    }

    void restore(UnitOfWork &, const std::string &user_id,
                 const std::vector<CartLine> &lines) override {
        Cart &stored = state_.carts[user_id];
        for (const auto &line : lines) {
            if (CartLine *existing = stored.find_line(line.product_id, line.variant_id)) {
                existing->quantity = std::max(existing->quantity, line.quantity);
            } else {
                stored.lines.push_back(line);
            }
        }
        ++stored.version;
    }

    void clear(const std::string &user_id) override {
        Cart &stored = state_.carts[user_id];
        stored.lines.clear();
        stored.voucher_id.reset();
        ++stored.version;
    }

    void set_voucher(const std::string &user_id, const std::optional<std::string> &voucher_id,
                     const std::optional<GuestCartStamp> &guest) override {
        Cart &stored = state_.carts[user_id];
        bool created = stored.version == 0;
        stored.user_id = user_id;
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
        for (auto &[user, cart] : state_.carts) {
            if (cart.voucher_id == voucher_id) {
                cart.voucher_id.reset();
            }
        }
    }

    // How load() finds the voucher a cart names, if set.
    std::function<std::optional<Voucher>(const std::string &)> voucher_lookup;

  private:
    ShopState &state_;
};

class FakeInventory final : public InventoryRepository {
  public:
    explicit FakeInventory(ShopState &state) : state_(state) {}

    std::vector<Product> find_many(const std::vector<std::string> &ids) override {
        std::vector<Product> found;
        for (const auto &id : ids) {
            auto it = state_.products.find(id);
            if (it != state_.products.end()) {
                found.push_back(it->second);
            }
        }
        return found;
    }

    std::optional<Product> take(UnitOfWork &, const std::string &product_id,
                                const std::string &variant_id, std::int64_t quantity,
                                const std::string &order_id) override {
        auto it = state_.products.find(product_id);
        if (it == state_.products.end() || variant_id != product_id ||
            !is_publicly_visible(it->second) || it->second.stock < quantity) {
            return std::nullopt;
        }
        move_stock(it->second, -quantity);
        state_.marks[{order_id, product_id, 0}] = quantity;
        return it->second;
    }

    bool undo_take(UnitOfWork &, const std::string &product_id, const std::string &,
                   std::int64_t quantity, const std::string &order_id) override {
        auto mark = state_.marks.find({order_id, product_id, 0});
        if (mark == state_.marks.end()) {
            return false;
        }
        state_.marks.erase(mark);
        move_stock(state_.products[product_id], quantity);
        return true;
    }

    bool give_back(UnitOfWork &, const std::string &product_id, const std::string &,
                   std::int64_t quantity, const std::string &order_id) override {
        auto key = std::make_tuple(order_id, product_id, 1);
        if (state_.marks.count(key) > 0) {
            return false;
        }
        state_.marks[key] = quantity;
        auto it = state_.products.find(product_id);
        if (it != state_.products.end()) {
            move_stock(it->second, quantity);
        }
        return true;
    }

    void clear_marks(UnitOfWork &, const std::string &order_id,
                     const std::vector<std::string> &product_ids, StockMark kind) override {
        int wanted = kind == StockMark::taken ? 0 : 1;
        for (auto it = state_.marks.begin(); it != state_.marks.end();) {
            const auto &[order, product, mark_kind] = it->first;
            bool listed = product_ids.empty() || std::find(product_ids.begin(), product_ids.end(),
                                                           product) != product_ids.end();
            if (order == order_id && mark_kind == wanted && listed) {
                it = state_.marks.erase(it);
            } else {
                ++it;
            }
        }
    }

    std::vector<StockMarkRecord> marks(StockMark kind) override {
        int wanted = kind == StockMark::taken ? 0 : 1;
        std::vector<StockMarkRecord> found;
        for (const auto &[key, quantity] : state_.marks) {
            if (std::get<2>(key) == wanted) {
                found.push_back(StockMarkRecord{std::get<0>(key), std::get<1>(key),
                                                std::get<1>(key), quantity});
            }
        }
        return found;
    }

  private:
    static void move_stock(Product &product, std::int64_t delta) {
        if (!product.variants.empty()) {
            product.variants.front().stock += delta;
            derive_totals(product);
        }
    }

    ShopState &state_;
};

class FakeOrders final : public OrderRepository {
  public:
    explicit FakeOrders(ShopState &state) : state_(state) {}

    std::optional<std::string> insert_pending(UnitOfWork &work, const Order &order) override {
        if (order.idempotency_key &&
            find_by_idempotency_key(work, order.user_id, *order.idempotency_key)) {
            return std::nullopt;
        }
        char id[25];
        std::snprintf(id, sizeof id, "%024x", 0xd000 + ++state_.next_order);
        Order stored = order;
        stored.id = id;
        state_.orders[id] = stored;
        return stored.id;
    }

    std::optional<Order> find(UnitOfWork &, const std::string &id) override {
        auto it = state_.orders.find(id);
        return it == state_.orders.end() ? std::nullopt : std::optional<Order>(it->second);
    }

    std::optional<Order> find_by_idempotency_key(UnitOfWork &, const std::string &user_id,
                                                 const std::string &key) override {
        for (const auto &[id, order] : state_.orders) {
            if (order.user_id == user_id && order.idempotency_key == key) {
                return order;
            }
        }
        return std::nullopt;
    }

    bool mark_placed(UnitOfWork &, const std::string &id, const std::vector<OrderLine> &lines,
                     Cents total_cents, std::int64_t now_ms, const OrderEvent &placed,
                     const OrderDiscount &discount, const EventDrafts &) override {
        auto it = state_.orders.find(id);
        if (it == state_.orders.end() || it->second.status != OrderStatus::pending) {
            return false;
        }
        it->second.status = OrderStatus::placed;
        it->second.lines = lines;
        it->second.total_cents = total_cents;
        it->second.discount_cents = discount.discount_cents;
        it->second.voucher_code = discount.voucher_code;
        it->second.updated_at_ms = now_ms;
        it->second.events.push_back(placed);
        return true;
    }

    std::optional<Order> transition(UnitOfWork &, const std::string &id,
                                    const OrderMove &move) override {
        auto it = state_.orders.find(id);
        if (it == state_.orders.end() || !libstore::testing::apply_move(it->second, move)) {
            return std::nullopt;
        }
        return it->second;
    }

    bool remove_pending(UnitOfWork &, const std::string &id) override {
        auto it = state_.orders.find(id);
        if (it == state_.orders.end() || it->second.status != OrderStatus::pending) {
            return false;
        }
        state_.orders.erase(it);
        return true;
    }

    std::vector<Order> list(const OrderQuery &query, std::int64_t limit) override {
        std::vector<Order> found;
        for (const auto &[id, order] : state_.orders) {
            if (!is_visible(order.status) || (query.user_id && order.user_id != *query.user_id) ||
                (query.status && order.status != *query.status)) {
                continue;
            }
            if (query.before_created_at_ms &&
                std::make_pair(order.created_at_ms, order.id) >=
                    std::make_pair(*query.before_created_at_ms, query.before_id.value_or(""))) {
                continue;
            }
            found.push_back(order);
        }
        std::sort(found.begin(), found.end(), [](const Order &a, const Order &b) {
            return std::make_pair(a.created_at_ms, a.id) > std::make_pair(b.created_at_ms, b.id);
        });
        if (static_cast<std::int64_t>(found.size()) > limit) {
            found.resize(static_cast<std::size_t>(limit));
        }
        return found;
    }

    std::vector<Order> stale(OrderStatus status, std::int64_t before_ms) override {
        std::vector<Order> found;
        for (const auto &[id, order] : state_.orders) {
            if (order.status == status && order.updated_at_ms <= before_ms) {
                found.push_back(order);
            }
        }
        return found;
    }

  private:
    ShopState &state_;
};

}  // namespace libstore::fuzz
