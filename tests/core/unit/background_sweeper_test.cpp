// The background deliverer's waiting rules, and its thread: sweeps run until stop(), failures
// are told and do not end it.
#include "core/background_sweeper.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace libstore {
namespace {

using Options = BackgroundSweeper::Options;

TEST(BackgroundSweeperTest, WaitsUntilTheNextDeliveryIsDueButNoLongerThanIdle) {
    Options options{1000, 30'000};
    EXPECT_EQ(BackgroundSweeper::wait_after(options, 250, 0), 250);
    EXPECT_EQ(BackgroundSweeper::wait_after(options, 0, 0), 0);
    EXPECT_EQ(BackgroundSweeper::wait_after(options, -5, 0), 0);  // overdue: at once
    EXPECT_EQ(BackgroundSweeper::wait_after(options, 60'000, 0), 1000);
    EXPECT_EQ(BackgroundSweeper::wait_after(options, std::nullopt, 0), 1000);
}

TEST(BackgroundSweeperTest, WaitsLongerAfterEachFailureInARowUpToTheCap) {
    Options options{1000, 30'000};
    std::vector<std::int64_t> waits;
    for (int failures = 1; failures <= 7; ++failures) {
        waits.push_back(BackgroundSweeper::wait_after(options, 0, failures));
    }
    EXPECT_EQ(waits, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 16'000, 30'000, 30'000}));
    EXPECT_EQ(BackgroundSweeper::wait_after(options, 0, 1'000'000), 30'000);
}

TEST(BackgroundSweeperTest, RefusesAnIdleTimeOutsideOneToTheCap) {
    for (std::int64_t idle : {0, -1, 30'001}) {
        try {
            BackgroundSweeper::check(Options{idle, 30'000});
            ADD_FAILURE() << idle;
        } catch (const Error &error) {
            EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
            EXPECT_EQ(error.field(), "idle_ms");
        }
    }
    EXPECT_NO_THROW(BackgroundSweeper::check(Options{1, 30'000}));
}

// Counts sweeps and lets a test wait for the n-th.
class SweepCounter {
  public:
    void count() {
        std::lock_guard<std::mutex> lock(mutex_);
        ++sweeps_;
        changed_.notify_all();
    }
    void wait_for(int sweeps) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return sweeps_ >= sweeps; });
    }
    int sweeps() {
        std::lock_guard<std::mutex> lock(mutex_);
        return sweeps_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int sweeps_ = 0;
};

TEST(BackgroundSweeperTest, SweepsAgainAtOnceWhileDeliveriesAreDue) {
    SweepCounter counter;
    // An hour between sweeps unless something is due: only "due now" can bring five sweeps.
    BackgroundSweeper deliverer(
        [&](const BackgroundSweeper::StopRequested &) -> std::optional<std::int64_t> {
            counter.count();
            return 0;
        },
        Options{3'600'000, 3'600'000});
    counter.wait_for(5);
    deliverer.stop();
    int after_stop = counter.sweeps();
    deliverer.stop();  // twice is fine
    EXPECT_EQ(counter.sweeps(), after_stop);
}

TEST(BackgroundSweeperTest, StopEndsAWaitAtOnce) {
    SweepCounter counter;
    auto deliverer = std::make_unique<BackgroundSweeper>(
        [&](const BackgroundSweeper::StopRequested &) -> std::optional<std::int64_t> {
            counter.count();
            return std::nullopt;
        },
        Options{3'600'000, 3'600'000});
    counter.wait_for(1);
    deliverer.reset();  // would hang for an hour if stop() did not wake the wait
    EXPECT_EQ(counter.sweeps(), 1);
}

TEST(BackgroundSweeperTest, ASweepInProgressIsAskedToStop) {
    SweepCounter started;
    std::atomic<bool> saw_stop{false};
    BackgroundSweeper deliverer(
        [&](const BackgroundSweeper::StopRequested &stop_requested) -> std::optional<std::int64_t> {
            started.count();
            while (!stop_requested()) {  // a sweep with endless sends, asking between them
                std::this_thread::yield();
            }
            saw_stop = true;
            return 0;
        },
        Options{1, 30'000});
    started.wait_for(1);
    deliverer.stop();  // would never return if the sweep were not told
    EXPECT_TRUE(saw_stop);
    EXPECT_EQ(started.sweeps(), 1);
}

TEST(BackgroundSweeperTest, AFailedSweepIsToldAndTheThreadGoesOn) {
    SweepCounter counter;
    std::mutex mutex;
    std::vector<ErrorCode> told;
    std::atomic<int> calls{0};
    BackgroundSweeper deliverer(
        [&](const BackgroundSweeper::StopRequested &) -> std::optional<std::int64_t> {
            int call = calls++;
            counter.count();
            if (call == 0) {
                throw Error(ErrorCode::conflict, "", "a rule failed");
            }
            if (call == 1) {
                throw std::runtime_error("not a libstore error");
            }
            return 0;
        },
        Options{1, 30'000},
        [&](const Error &error) {
            std::lock_guard<std::mutex> lock(mutex);
            told.push_back(error.code());
        });
    counter.wait_for(4);
    deliverer.stop();
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_EQ(told, (std::vector<ErrorCode>{ErrorCode::conflict, ErrorCode::internal}));
}

}  // namespace
}  // namespace libstore
