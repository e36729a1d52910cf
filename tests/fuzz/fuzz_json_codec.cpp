// The C ABI's JSON codec (jansson): any text either parses or fails with invalid_argument /
// too_large; what parses serializes, and serializing is a fixed point (parse(serialize(v)) gives
// v back, reals to the 15 significant digits the codec prints).
#include <cmath>
#include <cstdint>
#include <string>

#include "adapters/json/json_codec.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
using libstore::Value;
namespace fuzz = libstore::fuzz;
namespace json = libstore::json;

// Reals print with 15 significant digits; a value within rounding of DBL_MAX prints above it and
// no longer parses. The codec never echoes caller reals back, so this is the one accepted gap.
bool has_extreme_real(const Value &value) {
    switch (value.type()) {
        case Value::Type::real:
            return std::fabs(value.as_real()) >= 1.797693134862315e308 * (1 - 1e-14);
        case Value::Type::array:
            for (const auto &item : value.as_array()) {
                if (has_extreme_real(item)) {
                    return true;
                }
            }
            return false;
        case Value::Type::object:
            for (const auto &member : value.as_object()) {
                if (has_extreme_real(member.second)) {
                    return true;
                }
            }
            return false;
        default:
            return false;
    }
}

bool same_up_to_rounding(const Value &a, const Value &b) {
    if (a.type() != b.type()) {
        return false;
    }
    switch (a.type()) {
        case Value::Type::real: {
            double x = a.as_real();
            double y = b.as_real();
            return x == y || std::fabs(x - y) <= 1e-13 * std::fmax(std::fabs(x), std::fabs(y));
        }
        case Value::Type::array: {
            const auto &left = a.as_array();
            const auto &right = b.as_array();
            if (left.size() != right.size()) {
                return false;
            }
            for (std::size_t i = 0; i < left.size(); ++i) {
                if (!same_up_to_rounding(left[i], right[i])) {
                    return false;
                }
            }
            return true;
        }
        case Value::Type::object: {
            const auto &left = a.as_object();
            const auto &right = b.as_object();
            if (left.size() != right.size()) {
                return false;
            }
            for (std::size_t i = 0; i < left.size(); ++i) {
                if (left[i].first != right[i].first ||
                    !same_up_to_rounding(left[i].second, right[i].second)) {
                    return false;
                }
            }
            return true;
        }
        default:
            return a == b;
    }
}

// Every string and key the codec hands the core is clean UTF-8 without NUL.
void check_strings_clean(const Value &value) {
    switch (value.type()) {
        case Value::Type::string:
            fuzz::check(libstore::is_clean_utf8(value.as_string()), "parsed string not clean");
            break;
        case Value::Type::array:
            for (const auto &item : value.as_array()) {
                check_strings_clean(item);
            }
            break;
        case Value::Type::object:
            for (const auto &member : value.as_object()) {
                fuzz::check(libstore::is_clean_utf8(member.first), "parsed key not clean");
                check_strings_clean(member.second);
            }
            break;
        default:
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    std::string text(reinterpret_cast<const char *>(data), size);  // parse() stops at a NUL
    Value value;
    bool parsed = fuzz::expect_clean_failure({ErrorCode::invalid_argument, ErrorCode::too_large},
                                             [&] { value = json::parse(text.c_str(), "body"); });
    Value object;
    bool parsed_object = fuzz::expect_clean_failure(
        {ErrorCode::invalid_argument, ErrorCode::too_large},
        [&] { object = json::parse_object(text.c_str(), "body", size % 2 == 0); });
    if (!parsed) {
        fuzz::check(!parsed_object || (size % 2 == 0 && text.c_str()[0] == '\0'),
                    "parse_object accepted what parse refused");
        return 0;
    }
    fuzz::check(parsed_object == value.is_object(), "parse_object disagrees with parse");
    check_strings_clean(value);

    std::string first = json::serialize(value);
    Value again;
    bool reparsed = fuzz::expect_clean_failure({ErrorCode::invalid_argument},
                                               [&] { again = json::parse(first.c_str(), "body"); });
    if (!reparsed) {
        fuzz::check(has_extreme_real(value), "serialized JSON does not parse", first);
        return 0;
    }
    fuzz::check(same_up_to_rounding(value, again), "round trip changed the value", first);
    std::string second = json::serialize(again);
    fuzz::check(first == second, "serialize is not a fixed point", first + " vs " + second);

    char *for_caller = json::serialize_for_caller(value);
    fuzz::check(first == for_caller, "serialize_for_caller differs from serialize");
    std::free(for_caller);
    return 0;
}
