#include "core/events/new_event_id.hpp"

#include <array>
#include <atomic>
#include <random>

namespace libstore {

namespace {

struct ProcessPart {
    std::array<unsigned char, 5> random{};
    std::atomic<std::uint32_t> counter{0};
    ProcessPart() {
        std::random_device device;
        for (auto &byte : random) {
            byte = static_cast<unsigned char>(device());
        }
        counter = static_cast<std::uint32_t>(device());
    }
};

ProcessPart &process_part() {
    static ProcessPart part;
    return part;
}

}  // namespace

std::string new_event_id(std::int64_t now_ms) {
    static const char *kHex = "0123456789abcdef";
    ProcessPart &part = process_part();
    std::array<unsigned char, 12> bytes{};
    auto seconds = static_cast<std::uint32_t>(now_ms / 1000);
    std::uint32_t count = part.counter.fetch_add(1);
    for (int i = 0; i < 4; ++i) {
        bytes[i] = static_cast<unsigned char>(seconds >> (24 - 8 * i));
    }
    for (int i = 0; i < 5; ++i) {
        bytes[4 + i] = part.random[i];
    }
    for (int i = 0; i < 3; ++i) {
        bytes[9 + i] = static_cast<unsigned char>(count >> (16 - 8 * i));
    }
    std::string hex;
    hex.reserve(24);
    for (unsigned char byte : bytes) {
        hex.push_back(kHex[byte >> 4]);
        hex.push_back(kHex[byte & 0x0f]);
    }
    return hex;
}

}  // namespace libstore
