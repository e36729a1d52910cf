// Port: sending one webhook request. libcurl in production (adapters/http); the unit tests script
// the answers. The sender enforces the transport rules (timeouts, no redirects, http/https only,
// private addresses refused at connect time unless allowed); the core decides what an answer
// means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace libstore {

inline constexpr std::size_t kMaxKeptResponseBytes = 1024;

struct HttpRequest {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::int64_t timeout_ms = 10000;
};

struct HttpAnswer {
    // The status the server answered with; nullopt when there was no answer (timeout, refused,
    // a private address, a bad URL), and then `error` says why.
    std::optional<int> status_code;
    std::string error;
    std::string body;  // at most kMaxKeptResponseBytes of the response body
};

class HttpSender {
  public:
    virtual ~HttpSender() = default;
    // POSTs the request. Never throws for a failure of the target; only for a bug.
    virtual HttpAnswer post(const HttpRequest &request) = 0;
};

}  // namespace libstore
