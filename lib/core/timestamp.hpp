// Instants are milliseconds since the Unix epoch inside the core (BSON dates hold the same), and
// RFC 3339 UTC strings with milliseconds ("2026-11-23T10:00:00.000Z") on the way out.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

std::string format_rfc3339(std::int64_t unix_ms);

}  // namespace libstore
