// One Store used from many threads at once, over the real adapters: the process-wide one-time
// initialisations (driver, libsodium, the dummy password hash), the connection pool, the cart's
// optimistic retries and stock under parallel checkouts. Results must add up exactly; the
// ThreadSanitizer job (.ci/sanitizers) runs these to find data races.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

constexpr int kThreads = 8;

class ConcurrencyIntegrationTest : public StoreTest {
  protected:
    std::string product(const Session &admin, std::int64_t stock) {
        Value body = Value::object();
        body.set("name", "Pen").set("price", 1.25).set("stock", stock);
        return store_->catalog().create_product(admin, body).find("id")->as_string();
    }

    // Runs body(i) on kThreads threads at once; collects unexpected failures.
    template <typename Body>
    std::vector<std::string> in_parallel(Body body) {
        std::vector<std::string> failures;
        std::mutex lock;
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                ++ready;
                while (ready.load() < kThreads) {
                    std::this_thread::yield();
                }
                try {
                    body(i);
                } catch (const std::exception &error) {
                    std::lock_guard<std::mutex> guard(lock);
                    failures.push_back("thread " + std::to_string(i) + ": " + error.what());
                }
            });
        }
        for (auto &thread : threads) {
            thread.join();
        }
        return failures;
    }
};

TEST_F(ConcurrencyIntegrationTest, StoresOpenAndServeInParallel) {
    store_->accounts().register_user(registration("ada"));
    std::vector<std::unique_ptr<Store>> stores(kThreads);
    auto failures = in_parallel([&](int i) {
        stores[i] = open_store(test_store_config());
        login(*stores[i], "ada");
        stores[i]->catalog().list_categories(Value::object());
        stores[i]->ping();
    });
    EXPECT_TRUE(failures.empty()) << failures.front();
}

TEST_F(ConcurrencyIntegrationTest, OneStoreServesManyThreads) {
    store_->accounts().create_admin(registration("boss"));
    Session admin = login(*store_, "boss");
    constexpr std::int64_t kStock = 10'000;
    std::string pen = product(admin, kStock);
    std::atomic<std::int64_t> bought{0};
    auto failures = in_parallel([&](int i) {
        std::string name = "buyer" + std::to_string(i);
        store_->accounts().register_user(registration(name));
        Session me = login(*store_, name);
        // A failed login of an unknown user takes the dummy-hash path (made once, lazily).
        Value wrong = Value::object();
        wrong.set("username", "nobody" + std::to_string(i)).set("password", "wrong-password");
        try {
            store_->accounts().login(wrong);
            throw std::runtime_error("an unknown user logged in");
        } catch (const Error &error) {
            if (error.code() != ErrorCode::unauthenticated) {
                throw;
            }
        }
        for (int round = 0; round < 3; ++round) {
            Value query = Value::object();
            query.set("q", "pen");
            store_->catalog().list_products(&me, query);
            store_->catalog().get_product(nullptr, pen);
            Value item = Value::object();
            item.set("product_id", pen).set("quantity", round + 1);
            store_->cart().add_item(me, item);
            store_->cart().view(me);
            store_->orders().place(me, "key-" + std::to_string(round));
            bought += round + 1;
            store_->orders().list(me, Value::object());
            store_->accounts().me(me);
        }
    });
    ASSERT_TRUE(failures.empty()) << failures.front();
    Value shown = store_->catalog().get_product(&admin, pen);
    EXPECT_EQ(shown.find("stock")->as_integer(), kStock - bought.load());
    EXPECT_EQ(bought.load(), kThreads * 6);
}

TEST_F(ConcurrencyIntegrationTest, ParallelChangesToOneCartLoseNothing) {
    store_->accounts().create_admin(registration("boss"));
    Session admin = login(*store_, "boss");
    std::string pen = product(admin, 1000);
    store_->accounts().register_user(registration("ada"));
    Session ada = login(*store_, "ada");
    std::atomic<int> added{0};
    std::atomic<int> refused{0};
    auto failures = in_parallel([&](int) {
        Session mine = ada;  // the same account from every thread
        for (int round = 0; round < 4; ++round) {
            Value item = Value::object();
            item.set("product_id", pen);
            try {
                store_->cart().add_item(mine, item);
                ++added;
            } catch (const Error &error) {
                if (error.code() != ErrorCode::conflict) {
                    throw;
                }
                ++refused;  // "being changed concurrently; try again" is an honest answer
            }
        }
    });
    ASSERT_TRUE(failures.empty()) << failures.front();
    EXPECT_EQ(added.load() + refused.load(), kThreads * 4);
    EXPECT_GT(added.load(), 0);
    EXPECT_EQ(store_->cart().view(ada).find("count")->as_integer(), added.load());
}

}  // namespace
}  // namespace libstore::testing
