// A small HTTP/1.1 server on 127.0.0.1 for the webhook tests: one thread per connection, each
// request recorded (headers, body, when it arrived), answered from a rule the test sets, and the
// requests in flight counted per X-Libstore-Delivery id, so a test can see whether one delivery
// was ever being sent twice at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace libstore::testing {

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

struct ReceiverAnswer {
    int status = 200;
    std::string body = "ok";
    std::vector<std::pair<std::string, std::string>> headers;
    // How long the answer is held back, to widen the window in which a second, concurrent send
    // of the same delivery would be seen (not to wait for anything).
    std::chrono::milliseconds hold{0};
};

inline ReceiverAnswer answer_with(int status, std::string body) {
    ReceiverAnswer answer;
    answer.status = status;
    answer.body = std::move(body);
    return answer;
}

class LoopbackReceiver {
  public:
    // `answer` sees the request and how many requests for its delivery id came before it.
    using Rule = std::function<ReceiverAnswer(const ReceivedRequest &, int earlier_for_id)>;

    explicit LoopbackReceiver(Rule rule);
    ~LoopbackReceiver();
    LoopbackReceiver(const LoopbackReceiver &) = delete;
    LoopbackReceiver &operator=(const LoopbackReceiver &) = delete;

    int port() const { return port_; }
    std::string url(const std::string &path = "/hook") const;

    std::vector<ReceivedRequest> requests();
    // The most requests for one delivery id that were ever in flight at once.
    int most_in_flight_for_one_id();

  private:
    void serve();
    void handle(int connection);

    Rule rule_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    std::mutex mutex_;
    std::vector<std::thread> workers_;
    std::vector<ReceivedRequest> requests_;
    std::map<std::string, int> seen_for_id_;
    std::map<std::string, int> in_flight_;
    int most_in_flight_ = 0;
};

}  // namespace libstore::testing
