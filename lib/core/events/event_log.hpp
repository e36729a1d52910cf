// Reading the events feed (API.md "Events and webhooks"): for trusted in-process consumers
// (store_events_list(), Store.events()) and for hosts on behalf of a caller (GET /events, admins
// only, like webhooks).
#pragma once

#include "core/accounts/authenticator.hpp"
#include "core/ports/event_feed.hpp"
#include "core/value.hpp"

namespace libstore {

class EventLog {
  public:
    static constexpr std::int64_t kDefaultLimit = 100;
    static constexpr std::int64_t kMaxLimit = 1000;

    EventLog(EventFeed &feed, Authenticator &authenticator)
        : feed_(feed), authenticator_(authenticator) {}

    // {after?: integer >= 0, limit?: 1..1000 (default 100)} -> {"items": [event...],
    // "next_after": the last id returned, or `after` when none}. Unknown members are refused.
    Value list(const Value &query);
    // The same for an admin's session; Error(forbidden) for anyone else.
    Value list(const Session &session, const Value &query);

  private:
    EventFeed &feed_;
    Authenticator &authenticator_;
};

}  // namespace libstore
