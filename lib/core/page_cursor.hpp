// Keyset pagination. A cursor is opaque to callers: base64url over the sort key and id of the
// last item of a page, so the next page starts strictly after it and never skips or repeats an
// item while others are inserted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace libstore {

inline constexpr std::int64_t kDefaultPageLimit = 20;
inline constexpr std::int64_t kMaxPageLimit = 100;

std::string encode_page_cursor(const std::vector<std::string> &parts);

// Throws Error(invalid_argument, "cursor") unless `cursor` decodes to exactly `expected_parts`.
std::vector<std::string> decode_page_cursor(const std::string &cursor, std::size_t expected_parts);

// Newest-first lists keyed by (time in ms, id): orders, the audit log.
struct TimeIdPosition {
    std::int64_t at_ms = 0;
    std::string id;
};
std::string encode_time_id_cursor(std::int64_t at_ms, const std::string &id);
// Throws Error(invalid_argument, "cursor") unless `cursor` came from encode_time_id_cursor().
TimeIdPosition decode_time_id_cursor(const std::string &cursor);

// {"items": [...], "next_cursor": cursor-or-null}
Value page_value(Value::Array items, const std::string &next_cursor);

}  // namespace libstore
