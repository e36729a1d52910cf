// Money is an int64 count of minor units (cents) everywhere inside; it crosses the API as a JSON
// number with at most two decimals. Parsing refuses anything that is not exactly representable.
#pragma once

#include <cstdint>
#include <string>

#include "core/value.hpp"

namespace libstore {

using Cents = std::int64_t;

// Upper bound for any single price: 10 000 000.00, so line totals (x 1000) and order totals stay
// exact in a double when shown.
inline constexpr Cents kMaxPriceCents = 1'000'000'000;

// A JSON number with at most 2 decimals -> cents. Throws Error(invalid_argument, field) for other
// types, more decimals, NaN/inf, or values beyond +-kMaxPriceCents.
Cents parse_money(const Value &value, const std::string &field);

// Cents -> the JSON number shown to callers (59.97).
Value money_value(Cents cents);

}  // namespace libstore
