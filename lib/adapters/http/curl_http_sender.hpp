// HttpSender over libcurl. Each send is one easy handle (no state shared between threads): POST
// with the connect and total timeouts, http and https only, redirects not followed, proxies from
// the environment ignored, at most 1 KiB of the answer kept (the transfer stops there), and —
// unless private targets are allowed — the address curl is about to connect to checked with
// is_private_address(), so a public name resolving to 127.0.0.1 is refused as well.
#pragma once

#include <string>

#include "core/ports/http_sender.hpp"

namespace libstore::http {

class CurlHttpSender final : public HttpSender {
  public:
    CurlHttpSender(bool allow_private, std::string user_agent);
    HttpAnswer post(const HttpRequest &request) override;

  private:
    bool allow_private_;
    std::string user_agent_;
};

}  // namespace libstore::http
