#include "core/limits/concurrency_limit.hpp"

namespace libstore {

ConcurrencyLimit::ConcurrencyLimit(std::int32_t limit) : limit_(limit < 1 ? 1 : limit) {}

bool ConcurrencyLimit::acquire(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (in_use_ >= limit_) {
        ++waiting_;
        bool freed = freed_.wait_for(lock, wait, [this] { return in_use_ < limit_; });
        --waiting_;
        if (!freed) {
            ++refused_;
            return false;
        }
    }
    ++in_use_;
    return true;
}

void ConcurrencyLimit::release() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        --in_use_;
    }
    freed_.notify_one();
}

ConcurrencyLimit::Counts ConcurrencyLimit::counts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return Counts{limit_, in_use_, waiting_, refused_};
}

}  // namespace libstore
