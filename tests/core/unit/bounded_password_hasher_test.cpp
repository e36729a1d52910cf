// The hashing limit: at most `limit` hashes at once, a bounded wait for a turn, refusal as
// rate_limited once the wait is over, and turns a thread holds across its hashes.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "code_of.hpp"
#include "core/accounts/bounded_password_hasher.hpp"
#include "core/error.hpp"

namespace libstore::testing {
namespace {

using namespace std::chrono_literals;

// A hasher whose hash() blocks until the test opens the gate, so a test decides how long a
// hash is running.
class GatedHasher final : public PasswordHasher {
  public:
    std::string hash(const std::string &password) override {
        std::unique_lock<std::mutex> lock(mutex_);
        ++running_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
        --running_;
        return "hash:" + password;
    }
    bool verify(const std::string &hash, const std::string &password) override {
        return hash == "hash:" + password;
    }
    bool needs_rehash(const std::string &) override { return true; }

    void wait_until_running(int count) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return running_ == count; });
    }
    void open() {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int running_ = 0;
    bool open_ = false;
};

struct LimitedHasher {
    explicit LimitedHasher(std::int32_t limit, std::chrono::milliseconds wait) {
        auto owned = std::make_unique<GatedHasher>();
        gated = owned.get();
        hasher = std::make_unique<BoundedPasswordHasher>(std::move(owned), limit, wait);
    }
    std::int64_t count(const char *name) const { return hasher->stats().find(name)->as_integer(); }

    GatedHasher *gated;
    std::unique_ptr<BoundedPasswordHasher> hasher;
};

TEST(BoundedPasswordHasher, WithALimitOfOneASecondConcurrentHashIsRefusedAfterItsWait) {
    LimitedHasher limited(1, 50ms);
    auto first = std::async(std::launch::async, [&] { return limited.hasher->hash("one"); });
    limited.gated->wait_until_running(1);
    EXPECT_EQ(limited.count("in_use"), 1);

    auto started = std::chrono::steady_clock::now();
    std::string field;
    std::int32_t retry_after = 0;
    try {
        limited.hasher->hash("two");
        ADD_FAILURE() << "the second hash ran";
    } catch (const Error &error) {
        EXPECT_EQ(error.code(), ErrorCode::rate_limited);
        field = error.field();
        retry_after = error.retry_after_seconds();
    }
    EXPECT_GE(std::chrono::steady_clock::now() - started, 50ms);  // it waited, then gave up
    EXPECT_EQ(field, "password");
    EXPECT_EQ(retry_after, 1);
    EXPECT_EQ(code_of([&] { limited.hasher->verify("hash:x", "x"); }), ErrorCode::rate_limited);
    EXPECT_EQ(limited.count("refused"), 2);

    limited.gated->open();
    EXPECT_EQ(first.get(), "hash:one");
    EXPECT_EQ(limited.count("in_use"), 0);
    EXPECT_EQ(limited.hasher->hash("three"), "hash:three");  // the slot came back
}

TEST(BoundedPasswordHasher, AWaiterGetsTheTurnThatFreesUpWithinItsWait) {
    LimitedHasher limited(1, 10s);
    auto first = std::async(std::launch::async, [&] { return limited.hasher->hash("one"); });
    limited.gated->wait_until_running(1);
    auto second = std::async(std::launch::async, [&] { return limited.hasher->verify("a", "b"); });
    while (limited.count("waiting") != 1) {
        std::this_thread::yield();
    }
    limited.gated->open();
    EXPECT_EQ(first.get(), "hash:one");
    EXPECT_FALSE(second.get());
    EXPECT_EQ(limited.count("refused"), 0);
    EXPECT_EQ(limited.count("waiting"), 0);
}

TEST(BoundedPasswordHasher, AThreadHoldingATurnHashesUnderItWithoutASecondSlot) {
    LimitedHasher limited(1, 0ms);
    limited.gated->open();
    {
        HashingTurn turn = limited.hasher->take_turn();
        EXPECT_EQ(limited.count("in_use"), 1);
        // With a limit of 1, taking a second slot would refuse (or deadlock) the holder itself.
        EXPECT_TRUE(limited.hasher->verify(limited.hasher->hash("pw"), "pw"));
        EXPECT_EQ(limited.hasher->hash("again"), "hash:again");
        // Another thread has to wait for it, and with no wait is refused.
        auto other = std::async(std::launch::async,
                                [&] { return code_of([&] { limited.hasher->hash("other"); }); });
        EXPECT_EQ(other.get(), ErrorCode::rate_limited);
        EXPECT_EQ(limited.count("in_use"), 1);
    }
    EXPECT_EQ(limited.count("in_use"), 0);
    auto other = std::async(std::launch::async, [&] { return limited.hasher->hash("other"); });
    EXPECT_EQ(other.get(), "hash:other");
}

TEST(BoundedPasswordHasher, ARehashCheckNeedsNoTurn) {
    LimitedHasher limited(1, 0ms);
    auto first = std::async(std::launch::async, [&] { return limited.hasher->hash("one"); });
    limited.gated->wait_until_running(1);
    EXPECT_TRUE(limited.hasher->needs_rehash("hash:one"));
    limited.gated->open();
    first.get();
}

TEST(BoundedPasswordHasher, NoMoreThanTheLimitHashAtOnce) {
    LimitedHasher limited(3, 10s);
    std::vector<std::future<std::string>> hashes;
    for (int i = 0; i < 8; ++i) {
        hashes.push_back(std::async(std::launch::async,
                                    [&, i] { return limited.hasher->hash(std::to_string(i)); }));
    }
    limited.gated->wait_until_running(3);
    while (limited.count("waiting") != 5) {
        std::this_thread::yield();
    }
    EXPECT_EQ(limited.count("limit"), 3);
    EXPECT_EQ(limited.count("in_use"), 3);
    limited.gated->open();
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(hashes[static_cast<std::size_t>(i)].get(), "hash:" + std::to_string(i));
    }
    EXPECT_EQ(limited.count("refused"), 0);
}

}  // namespace
}  // namespace libstore::testing
