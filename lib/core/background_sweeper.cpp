#include "core/background_sweeper.hpp"

#include <algorithm>
#include <chrono>

namespace libstore {

void BackgroundSweeper::check(const Options &options) {
    if (options.idle_ms < 1 || options.idle_ms > options.max_backoff_ms) {
        throw_invalid("idle_ms", "idle_ms must be from 1 to " +
                                     std::to_string(options.max_backoff_ms) + " milliseconds");
    }
}

BackgroundSweeper::BackgroundSweeper(Sweep sweep, Options options, ErrorHook on_error)
    : sweep_(std::move(sweep)), options_(options), on_error_(std::move(on_error)) {
    check(options_);
    thread_ = std::thread([this] { run(); });
}

BackgroundSweeper::~BackgroundSweeper() {
    stop();
}

void BackgroundSweeper::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
        thread_.join();
    }
}

std::int64_t BackgroundSweeper::wait_after(const Options &options,
                                           std::optional<std::int64_t> next_due_ms,
                                           int failures_in_a_row) {
    if (failures_in_a_row > 0) {
        std::int64_t wait = options.idle_ms;
        for (int i = 1; i < failures_in_a_row && wait < options.max_backoff_ms; ++i) {
            wait *= 2;
        }
        return std::min(wait, options.max_backoff_ms);
    }
    if (!next_due_ms) {
        return options.idle_ms;
    }
    return std::clamp<std::int64_t>(*next_due_ms, 0, options.idle_ms);
}

void BackgroundSweeper::run() {
    int failures_in_a_row = 0;
    for (;;) {
        std::optional<std::int64_t> next_due;
        try {
            next_due = sweep_([this] { return stopping_.load(); });
            failures_in_a_row = 0;
        } catch (const Error &error) {
            // Only an unreachable database is worth waiting out longer; any other failure is
            // tried again at the usual pace.
            failures_in_a_row = error.code() == ErrorCode::unavailable ? failures_in_a_row + 1 : 0;
            if (on_error_) {
                on_error_(error);
            }
        } catch (const std::exception &unexpected) {
            // A thread must not end the process: told, and tried again at the usual pace.
            failures_in_a_row = 0;
            if (on_error_) {
                on_error_(Error(ErrorCode::internal, "", unexpected.what()));
            }
        }
        std::int64_t wait = wait_after(options_, next_due, failures_in_a_row);
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stopping_.load(); });
        if (stopping_) {
            return;
        }
    }
}

}  // namespace libstore
