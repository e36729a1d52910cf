#include "core/store.hpp"

#include "core/error.hpp"

namespace libstore {

Store::Store(StoreConfig config, StorePorts ports)
    : config_(std::move(config)), ports_(std::move(ports)) {}

Store::~Store() = default;

void Store::ping() {
    ports_.database->ping();
}

bool Store::try_prepare() {
    try {
        ports_.database->ensure_schema();
        return true;
    } catch (const Error &error) {
        if (error.code() == ErrorCode::unavailable) {
            return false;
        }
        throw;
    }
}

}  // namespace libstore
