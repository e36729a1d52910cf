#include "loopback_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace libstore::testing {

namespace {

std::string lower(std::string text) {
    for (auto &c : text) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return text;
}

bool read_request(int connection, ReceivedRequest &request) {
    std::string data;
    char buffer[4096];
    std::size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
        ssize_t got = recv(connection, buffer, sizeof buffer, 0);
        if (got <= 0) {
            return false;
        }
        data.append(buffer, static_cast<std::size_t>(got));
    }
    std::string head = data.substr(0, header_end);
    std::size_t line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    std::size_t space = first.find(' ');
    request.method = first.substr(0, space);
    request.target = first.substr(space + 1, first.rfind(' ') - space - 1);
    std::size_t at = line_end == std::string::npos ? head.size() : line_end + 2;
    while (at < head.size()) {
        std::size_t end = head.find("\r\n", at);
        if (end == std::string::npos) {
            end = head.size();
        }
        std::string line = head.substr(at, end - at);
        std::size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            request.headers[lower(line.substr(0, colon))] = value;
        }
        at = end + 2;
    }
    std::size_t length = 0;
    if (auto it = request.headers.find("content-length"); it != request.headers.end()) {
        length = std::stoul(it->second);
    }
    request.body = data.substr(header_end + 4);
    while (request.body.size() < length) {
        ssize_t got = recv(connection, buffer, sizeof buffer, 0);
        if (got <= 0) {
            return false;
        }
        request.body.append(buffer, static_cast<std::size_t>(got));
    }
    return true;
}

void send_all(int connection, const std::string &text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        ssize_t wrote = send(connection, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (wrote <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(wrote);
    }
}

}  // namespace

LoopbackReceiver::LoopbackReceiver(Rule rule) : rule_(std::move(rule)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(listener_, 64) != 0) {
        throw std::runtime_error("loopback receiver: cannot listen");
    }
    socklen_t size = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &size);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { serve(); });
}

LoopbackReceiver::~LoopbackReceiver() {
    stopping_ = true;
    acceptor_.join();
    close(listener_);
    std::vector<std::thread> workers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        workers.swap(workers_);
    }
    for (auto &worker : workers) {
        worker.join();
    }
}

std::string LoopbackReceiver::url(const std::string &path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void LoopbackReceiver::serve() {
    while (!stopping_) {
        pollfd ready{listener_, POLLIN, 0};
        // Polls so the destructor can stop it; an accept is never waited for here.
        if (poll(&ready, 1, 50) <= 0) {
            continue;
        }
        int connection = accept(listener_, nullptr, nullptr);
        if (connection < 0) {
            continue;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        workers_.emplace_back([this, connection] { handle(connection); });
    }
}

void LoopbackReceiver::handle(int connection) {
    ReceivedRequest request;
    if (!read_request(connection, request)) {
        close(connection);
        return;
    }
    std::string id = request.headers["x-libstore-delivery"];
    int earlier;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(request);
        earlier = seen_for_id_[id]++;
        most_in_flight_ = std::max(most_in_flight_, ++in_flight_[id]);
    }
    ReceiverAnswer answer = rule_(request, earlier);
    if (answer.hold.count() > 0) {
        std::this_thread::sleep_for(answer.hold);
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        --in_flight_[id];
    }
    std::string reply = "HTTP/1.1 " + std::to_string(answer.status) + " X\r\n";
    for (const auto &[name, value] : answer.headers) {
        reply += name + ": " + value + "\r\n";
    }
    reply += "Content-Length: " + std::to_string(answer.body.size()) +
             "\r\nConnection: close\r\n\r\n" + answer.body;
    send_all(connection, reply);
    close(connection);
}

std::vector<ReceivedRequest> LoopbackReceiver::requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

int LoopbackReceiver::most_in_flight_for_one_id() {
    std::lock_guard<std::mutex> lock(mutex_);
    return most_in_flight_;
}

}  // namespace libstore::testing
