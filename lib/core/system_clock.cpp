#include <chrono>

#include "core/ports/clock.hpp"

namespace libstore {

std::int64_t SystemClock::now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace libstore
