// Instants are milliseconds since the Unix epoch inside the core (BSON dates hold the same), and
// RFC 3339 UTC strings with milliseconds ("2026-11-23T10:00:00.000Z") on the way out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace libstore {

std::string format_rfc3339(std::int64_t unix_ms);

// "2026-11-23T10:00:00Z", with optional fractional seconds (milliseconds kept) and a "Z" or
// "+hh:mm"/"-hh:mm" offset -> ms since the epoch; nullopt for anything else (a date alone, an
// impossible day, a year outside 1970-9999).
std::optional<std::int64_t> parse_rfc3339(const std::string &text);

}  // namespace libstore
