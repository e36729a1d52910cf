#include "core/webhooks/webhook_url.hpp"

#include "core/error.hpp"
#include "core/validation/web_url.hpp"

namespace libstore {

namespace {

struct Range {
    const char *network;
    int prefix_bits;  // of the 128-bit form
};

// IPv4 ranges are written in their IPv4-mapped form (96 + the IPv4 prefix).
const Range kPrivateRanges[] = {
    {"::ffff:0.0.0.0", 96 + 8},
    {"::ffff:10.0.0.0", 96 + 8},
    {"::ffff:100.64.0.0", 96 + 10},
    {"::ffff:127.0.0.0", 96 + 8},
    {"::ffff:169.254.0.0", 96 + 16},
    {"::ffff:172.16.0.0", 96 + 12},
    {"::ffff:192.168.0.0", 96 + 16},
    {"::ffff:224.0.0.0", 96 + 4},
    {"::ffff:240.0.0.0", 96 + 4},
    {"::", 128},
    {"::1", 128},
    {"fe80::", 10},
    {"fc00::", 7},
    {"ff00::", 8},
    {"64:ff9b::", 96},  // NAT64 may reach any IPv4 address, private ones included
};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with(const std::string &text, const std::string &tail) {
    return text.size() >= tail.size() &&
           text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool is_private_address(const IpAddress &address) {
    for (const auto &range : kPrivateRanges) {
        auto network = parse_ip_address(range.network);
        if (network && address.in_prefix(*network, range.prefix_bits)) {
            return true;
        }
    }
    return false;
}

std::string check_webhook_url(const std::string &url, bool allow_private) {
    if (url.size() > kMaxWebhookUrlBytes) {
        throw_invalid("url", "url must be at most 2048 characters");
    }
    if (!is_web_url(url)) {
        throw_invalid("url", "url must be an absolute http:// or https:// URL with a host");
    }
    std::size_t start = url.find("://") + 3;
    std::size_t end = url.find_first_of("/?#", start);
    std::string authority =
        url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (authority.find('@') != std::string::npos) {
        throw_invalid("url", "url must not carry a user name or password");
    }
    std::string host;
    if (!authority.empty() && authority.front() == '[') {
        std::size_t close = authority.find(']');
        if (close == std::string::npos) {
            throw_invalid("url", "url has an unterminated IPv6 address");
        }
        host = authority.substr(1, close - 1);
        std::string rest = authority.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') {
            throw_invalid("url", "url has text after its IPv6 address");
        }
        if (!parse_ip_address(host)) {
            throw_invalid("url", "url has a malformed IPv6 address");
        }
    } else {
        std::size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string::npos) {
            std::string port = authority.substr(colon + 1);
            for (char c : port) {
                if (c < '0' || c > '9') {
                    throw_invalid("url", "url has a malformed port");
                }
            }
        }
    }
    if (host.empty()) {
        throw_invalid("url", "url must have a host");
    }
    if (allow_private) {
        return host;
    }
    std::string name;
    for (char c : host) {
        name.push_back(lower(c));
    }
    while (!name.empty() && name.back() == '.') {
        name.pop_back();
    }
    if (name == "localhost" || ends_with(name, ".localhost")) {
        throw_invalid("url", "url must not point at localhost");
    }
    auto literal = parse_ip_address(name);
    if (literal && is_private_address(*literal)) {
        throw_invalid("url", "url must not point at a loopback, private or link-local address");
    }
    return host;
}

}  // namespace libstore
