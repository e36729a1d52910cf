#include "core/limits/trusted_proxies.hpp"

#include <string_view>

#include "core/error.hpp"
#include "core/validation/text.hpp"

namespace libstore {

namespace {

constexpr std::size_t kShownEntryLength = 64;

// The entry as the error message shows it: printable ASCII only, cut to a readable length.
std::string shown(std::string_view entry) {
    std::string text;
    for (char c : entry.substr(0, kShownEntryLength)) {
        text += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    if (entry.size() > kShownEntryLength) {
        text += "...";
    }
    return text;
}

[[noreturn]] void refuse(std::string_view entry, const std::string &why) {
    throw_invalid("trusted_proxies", "trusted_proxies entry '" + shown(entry) + "' " + why);
}

// "0".."128" without sign or leading zeros; -1 otherwise.
int parse_prefix(std::string_view digits) {
    if (digits.empty() || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) {
        return -1;
    }
    int value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

TrustedProxies TrustedProxies::parse(const std::string &text) {
    TrustedProxies proxies;
    std::string_view rest = text;
    if (trim_blanks(rest).empty()) {
        return proxies;
    }
    while (true) {
        std::size_t comma = rest.find(',');
        std::string_view entry = trim_blanks(rest.substr(0, comma));
        if (entry.empty()) {
            throw_invalid("trusted_proxies",
                          "trusted_proxies has an empty entry (a doubled or trailing comma)");
        }
        if (proxies.ranges_.size() == kMaxEntries) {
            throw_invalid("trusted_proxies", "trusted_proxies has more than " +
                                                 std::to_string(kMaxEntries) + " entries");
        }
        std::size_t slash = entry.find('/');
        auto address = parse_ip_address(entry.substr(0, slash));
        if (!address) {
            refuse(entry, "is not an IPv4 or IPv6 address or CIDR range");
        }
        int bits = 128;
        if (slash != std::string_view::npos) {
            int prefix = parse_prefix(entry.substr(slash + 1));
            int max_prefix =
                address->is_v4() && entry.find(':') == std::string_view::npos ? 32 : 128;
            if (prefix < 0 || prefix > max_prefix) {
                refuse(entry, "has a prefix length that is not a number from 0 to " +
                                  std::to_string(max_prefix));
            }
            bits = max_prefix == 32 ? 96 + prefix : prefix;
            if (address->has_bits_after(bits)) {
                refuse(entry, "has address bits set past its prefix length (did you mean " +
                                  format_ip_address(address->masked(bits)) + "/" +
                                  std::string(entry.substr(slash + 1)) + "?)");
            }
        }
        proxies.ranges_.push_back(Range{*address, bits});
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    return proxies;
}

bool TrustedProxies::contains(const IpAddress &address) const {
    for (const auto &range : ranges_) {
        if (address.in_prefix(range.network, range.prefix_bits)) {
            return true;
        }
    }
    return false;
}

}  // namespace libstore
