// The per-address rate limits on the real database: counts shared by every store on it, one
// atomic round trip per request, and the TTL index that drops finished windows.
#include <gtest/gtest.h>
#include <mongoc/mongoc.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

// The counts are per clock minute: a sequence that must stay inside one minute starts with at
// least this much of it left (a wait, never a timing assertion).
void wait_for_room_in_the_minute() {
    std::time_t now = std::time(nullptr);
    int left = 60 - static_cast<int>(now % 60);
    if (left < 10) {
        std::this_thread::sleep_for(std::chrono::seconds(left + 1));
    }
}

std::unique_ptr<Store> store_with_limit(std::int32_t limit) {
    auto config = test_store_config();
    config.rate_limit_per_minute = limit;
    return open_store(config);
}

bool refused(Store &store, const char *peer = "203.0.113.9") {
    try {
        store.rate_limits().hit("login", peer, std::nullopt);
        return false;
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::rate_limited) << error.what();
        EXPECT_GE(error.retry_after_seconds(), 1);
        EXPECT_LE(error.retry_after_seconds(), 60);
        return true;
    }
}

// The count stored for `key` in its current window, read with the driver directly.
std::int64_t stored_count(const char *key) {
    mongoc_client_t *client = mongoc_client_new(test_store_config().uri.c_str());
    mongoc_collection_t *counts =
        mongoc_client_get_collection(client, test_store_config().database.c_str(), "rate_limits");
    bson_t filter = BSON_INITIALIZER;
    BSON_APPEND_UTF8(&filter, "key", key);
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(counts, &filter, nullptr, nullptr);
    const bson_t *document = nullptr;
    std::int64_t count = -1;
    bson_iter_t iter;
    if (mongoc_cursor_next(cursor, &document) && bson_iter_init_find(&iter, document, "count")) {
        count = bson_iter_as_int64(&iter);
    }
    mongoc_cursor_destroy(cursor);
    bson_destroy(&filter);
    mongoc_collection_destroy(counts);
    mongoc_client_destroy(client);
    return count;
}

class RateLimitsTest : public StoreTest {};

TEST_F(RateLimitsTest, TwoStoresOnOneDatabaseShareTheCounts) {
    auto first = store_with_limit(4);
    auto second = store_with_limit(4);
    wait_for_room_in_the_minute();
    EXPECT_FALSE(refused(*first));
    EXPECT_FALSE(refused(*second));
    EXPECT_FALSE(refused(*first));
    EXPECT_FALSE(refused(*second));
    EXPECT_TRUE(refused(*first));
    EXPECT_TRUE(refused(*second));
    EXPECT_FALSE(refused(*second, "203.0.113.10"));
}

TEST_F(RateLimitsTest, EachRequestIsOneRoundTrip) {
    auto limited = store_with_limit(2);
    wait_for_room_in_the_minute();
    auto before = limited->stats().find("commands")->find("findAndModify");
    std::int64_t start = before != nullptr ? before->as_integer() : 0;
    for (int i = 0; i < 3; ++i) {
        refused(*limited);
    }
    EXPECT_EQ(limited->stats().find("commands")->find("findAndModify")->as_integer() - start, 3);
}

TEST_F(RateLimitsTest, ConcurrentRequestsAreCountedExactly) {
    constexpr int kLimit = 10;
    constexpr int kThreads = 8;
    constexpr int kPerThread = 5;
    auto first = store_with_limit(kLimit);
    auto second = store_with_limit(kLimit);
    wait_for_room_in_the_minute();
    std::atomic<int> admitted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Store &store = t % 2 == 0 ? *first : *second;
            for (int i = 0; i < kPerThread; ++i) {
                if (!refused(store, "198.51.100.77")) {
                    ++admitted;
                }
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    // Every request counted once, none lost and none twice, and never more admitted than the
    // limit. (MongoDB admits exactly kLimit; the test database sometimes answers a concurrent
    // upsert without its document, and the count read back then may include later requests.)
    EXPECT_EQ(stored_count("login 198.51.100.77"), kThreads * kPerThread);
    EXPECT_LE(admitted.load(), kLimit);
    EXPECT_GE(admitted.load(), 1);
}

// The index and the counter document, read with the driver directly.
TEST_F(RateLimitsTest, CountersExpireThroughATtlIndex) {
    auto limited = store_with_limit(5);
    wait_for_room_in_the_minute();
    refused(*limited, "192.0.2.1");
    refused(*limited, "192.0.2.1");
    mongoc_client_t *client = mongoc_client_new(test_store_config().uri.c_str());
    ASSERT_NE(client, nullptr);
    mongoc_collection_t *counts =
        mongoc_client_get_collection(client, test_store_config().database.c_str(), "rate_limits");

    bool ttl_found = false;
    mongoc_cursor_t *indexes = mongoc_collection_find_indexes_with_opts(counts, nullptr);
    const bson_t *index = nullptr;
    while (mongoc_cursor_next(indexes, &index)) {
        bson_iter_t iter;
        if (bson_iter_init_find(&iter, index, "expireAfterSeconds")) {
            EXPECT_EQ(bson_iter_as_int64(&iter), 0);
            bson_iter_t key;
            ASSERT_TRUE(bson_iter_init_find(&key, index, "key"));
            bson_iter_t field;
            ASSERT_TRUE(bson_iter_recurse(&key, &field));
            ASSERT_TRUE(bson_iter_next(&field));
            EXPECT_STREQ(bson_iter_key(&field), "expires_at");
            ttl_found = true;
        }
    }
    bson_error_t error;
    EXPECT_FALSE(mongoc_cursor_error(indexes, &error)) << error.message;
    mongoc_cursor_destroy(indexes);
    EXPECT_TRUE(ttl_found);

    bson_t filter = BSON_INITIALIZER;
    BSON_APPEND_UTF8(&filter, "key", "login 192.0.2.1");
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(counts, &filter, nullptr, nullptr);
    const bson_t *document = nullptr;
    ASSERT_TRUE(mongoc_cursor_next(cursor, &document));
    bson_iter_t iter;
    ASSERT_TRUE(bson_iter_init_find(&iter, document, "count"));
    EXPECT_EQ(bson_iter_as_int64(&iter), 2);
    ASSERT_TRUE(bson_iter_init_find(&iter, document, "window_start"));
    std::int64_t start = bson_iter_date_time(&iter);
    ASSERT_TRUE(bson_iter_init_find(&iter, document, "expires_at"));
    ASSERT_EQ(bson_iter_type(&iter), BSON_TYPE_DATE_TIME);
    EXPECT_EQ(bson_iter_date_time(&iter), start + 60'000);
    EXPECT_EQ(start % 60'000, 0);
    EXPECT_FALSE(mongoc_cursor_next(cursor, &document));  // one document per key and window
    mongoc_cursor_destroy(cursor);
    bson_destroy(&filter);
    mongoc_collection_destroy(counts);
    mongoc_client_destroy(client);
}

}  // namespace
}  // namespace libstore::testing
