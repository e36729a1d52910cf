#include "core/store.hpp"

#include "core/error.hpp"

namespace libstore {

Store::Store(StoreConfig config, StorePorts ports)
    : config_(std::move(config)), ports_(std::move(ports)) {}

void Store::ping() {
    ports_.database->ping();
}

bool Store::try_prepare() {
    try {
        ensure_ready();
        return true;
    } catch (const Error &error) {
        if (error.code() == ErrorCode::unavailable) {
            return false;
        }
        throw;
    }
}

void Store::ensure_ready() {
    if (ready_.load(std::memory_order_acquire)) {
        return;
    }
    std::lock_guard<std::mutex> lock(ready_mutex_);
    if (ready_.load(std::memory_order_relaxed)) {
        return;
    }
    ports_.database->ensure_schema();
    ready_.store(true, std::memory_order_release);
}

}  // namespace libstore
