#include "adapters/http/curl_http_sender.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <memory>
#include <mutex>

#include "core/limits/ip_address.hpp"
#include "core/webhooks/webhook_url.hpp"

namespace libstore::http {

namespace {

// Well under the total timeout, so an unreachable host fails fast and a slow one still answers.
constexpr long kMaxConnectTimeoutMs = 5000;

void initialize_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    bool allow_private = false;
    bool refused_private = false;
    bool body_cut = false;
    std::string body;
};

std::size_t keep_some(char *data, std::size_t size, std::size_t count, void *user) {
    auto *transfer = static_cast<Transfer *>(user);
    std::size_t bytes = size * count;
    std::size_t room = kMaxKeptResponseBytes - transfer->body.size();
    transfer->body.append(data, bytes < room ? bytes : room);
    if (bytes > room) {
        transfer->body_cut = true;
        return 0;  // the rest is not wanted: stop reading
    }
    return bytes;
}

bool private_socket_address(const struct sockaddr *address) {
    char text[INET6_ADDRSTRLEN] = {0};
    if (address->sa_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const struct sockaddr_in *>(address);
        inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    } else if (address->sa_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const struct sockaddr_in6 *>(address);
        inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    } else {
        return true;  // not an IP socket: nothing a webhook should reach
    }
    auto parsed = parse_ip_address(text);
    return !parsed || is_private_address(*parsed);
}

curl_socket_t open_checked_socket(void *user, curlsocktype purpose, struct curl_sockaddr *address) {
    auto *transfer = static_cast<Transfer *>(user);
    if (purpose != CURLSOCKTYPE_IPCXN) {
        return CURL_SOCKET_BAD;
    }
    if (!transfer->allow_private && private_socket_address(&address->addr)) {
        transfer->refused_private = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

struct EasyDeleter {
    void operator()(CURL *easy) const { curl_easy_cleanup(easy); }
};
struct ListDeleter {
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

}  // namespace

CurlHttpSender::CurlHttpSender(bool allow_private, std::string user_agent)
    : allow_private_(allow_private), user_agent_(std::move(user_agent)) {
    initialize_curl_once();
}

HttpAnswer CurlHttpSender::post(const HttpRequest &request) {
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) {
        return HttpAnswer{std::nullopt, "libcurl could not start a transfer", ""};
    }
    Transfer transfer;
    transfer.allow_private = allow_private_;
    std::unique_ptr<curl_slist, ListDeleter> headers;
    auto add_header = [&](const std::string &line) {
        curl_slist *grown = curl_slist_append(headers.get(), line.c_str());
        if (grown != nullptr) {
            headers.release();
            headers.reset(grown);
        }
    };
    for (const auto &[name, value] : request.headers) {
        add_header(name + ": " + value);
    }
    add_header("Expect:");  // no 100-continue round trip
    long timeout_ms = static_cast<long>(request.timeout_ms);
    CURL *handle = easy.get();
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_PROXY, "");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                     timeout_ms < kMaxConnectTimeoutMs ? timeout_ms : kMaxConnectTimeoutMs);
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, keep_some);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
    curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, &transfer);
    CURLcode result = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    HttpAnswer answer;
    answer.body = std::move(transfer.body);
    if (status > 0 && (result == CURLE_OK || (result == CURLE_WRITE_ERROR && transfer.body_cut))) {
        answer.status_code = static_cast<int>(status);
        return answer;
    }
    if (transfer.refused_private) {
        answer.error = "refused: the target address is loopback, private or link-local";
    } else {
        answer.error = curl_easy_strerror(result);
    }
    return answer;
}

}  // namespace libstore::http
