#include "core/validation/web_url.hpp"

namespace libstore {

namespace {

bool starts_with_scheme(std::string_view text, std::string_view scheme) {
    if (text.size() < scheme.size()) {
        return false;
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c + 32);
        }
        if (c != scheme[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool is_web_url(std::string_view text) {
    std::size_t rest;
    if (starts_with_scheme(text, "https://")) {
        rest = 8;
    } else if (starts_with_scheme(text, "http://")) {
        rest = 7;
    } else {
        return false;
    }
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) {
            return false;
        }
    }
    // The authority (host, optional user info and port) must not be empty.
    std::size_t authority_end = text.find_first_of("/?#", rest);
    std::string_view authority =
        text.substr(rest, authority_end == std::string_view::npos ? std::string_view::npos
                                                                  : authority_end - rest);
    std::size_t at = authority.rfind('@');
    std::string_view host = at == std::string_view::npos ? authority : authority.substr(at + 1);
    return !host.empty() && host.front() != ':';
}

}  // namespace libstore
