#include "core/timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace libstore {

std::string format_rfc3339(std::int64_t unix_ms) {
    std::int64_t seconds = unix_ms / 1000;
    int millis = static_cast<int>(unix_ms % 1000);
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    return buffer;
}

}  // namespace libstore

namespace libstore {

namespace {

bool read_digits(const std::string &text, std::size_t &at, std::size_t count, int &out) {
    if (at + count > text.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        char c = text[at + i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    at += count;
    out = value;
    return true;
}

bool expect(const std::string &text, std::size_t &at, char wanted) {
    if (at >= text.size() || (text[at] != wanted && !(wanted == 'T' && text[at] == 't'))) {
        return false;
    }
    ++at;
    return true;
}

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = year / 400;
    const int year_of_era = year - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(const std::string &text) {
    std::size_t at = 0;
    int year, month, day, hour, minute, second;
    if (!read_digits(text, at, 4, year) || !expect(text, at, '-') ||
        !read_digits(text, at, 2, month) || !expect(text, at, '-') ||
        !read_digits(text, at, 2, day) || !expect(text, at, 'T') ||
        !read_digits(text, at, 2, hour) || !expect(text, at, ':') ||
        !read_digits(text, at, 2, minute) || !expect(text, at, ':') ||
        !read_digits(text, at, 2, second)) {
        return std::nullopt;
    }
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
        hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    int millis = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        std::size_t digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[at] - '0');
            }
            ++digits;
            ++at;
        }
        if (digits == 0 || digits > 9) {
            return std::nullopt;
        }
        for (std::size_t i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    std::int64_t offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int sign = text[at] == '-' ? -1 : 1;
        ++at;
        int offset_hours, offset_mins;
        if (!read_digits(text, at, 2, offset_hours) || !expect(text, at, ':') ||
            !read_digits(text, at, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
            return std::nullopt;
        }
        offset_minutes = sign * (offset_hours * 60 + offset_mins);
    } else {
        return std::nullopt;
    }
    if (at != text.size()) {
        return std::nullopt;
    }
    std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                           second - offset_minutes * 60;
    return seconds * 1000 + millis;
}

}  // namespace libstore
