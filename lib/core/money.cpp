#include "core/money.hpp"

#include <cmath>

#include "core/error.hpp"

namespace libstore {

Cents parse_money(const Value &value, const std::string &field) {
    if (value.is_integer()) {
        std::int64_t units = value.as_integer();
        if (units > kMaxPriceCents / 100 || units < -kMaxPriceCents / 100) {
            throw_invalid(field, field + " is too large");
        }
        return units * 100;
    }
    if (!value.is_real()) {
        throw_invalid(field, field + " must be a number");
    }
    double amount = value.as_real();
    if (!std::isfinite(amount)) {
        throw_invalid(field, field + " must be a finite number");
    }
    double scaled = amount * 100.0;
    if (std::fabs(scaled) > static_cast<double>(kMaxPriceCents)) {
        throw_invalid(field, field + " is too large");
    }
    double rounded = std::round(scaled);
    // Decimal fractions are inexact in binary (19.99 * 100 = 1998.9999999999998): that error is
    // a few units in the last place, relative to the amount. Anything farther from a whole
    // number of cents had more than two decimals (19.990000001 is not 19.99).
    if (std::fabs(scaled - rounded) > 1e-12 * std::fmax(1.0, std::fabs(scaled))) {
        throw_invalid(field, field + " must have at most 2 decimal places");
    }
    return static_cast<Cents>(rounded);
}

Value money_value(Cents cents) {
    return Value(static_cast<double>(cents) / 100.0);
}

}  // namespace libstore
