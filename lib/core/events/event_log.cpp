#include "core/events/event_log.hpp"

#include <limits>

#include "core/validation/object_reader.hpp"

namespace libstore {

Value EventLog::list(const Value &query) {
    ObjectReader reader(query, {"after", "limit"});
    std::int64_t after =
        reader.query_integer("after", 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
    std::int64_t limit = reader.query_integer("limit", 1, kMaxLimit).value_or(kDefaultLimit);
    Value::Array items;
    std::int64_t next_after = after;
    for (const Event &event : feed_.read_after(after, limit)) {
        next_after = event.id;
        items.push_back(event_value(event));
    }
    Value page = Value::object();
    page.set("items", Value(std::move(items))).set("next_after", next_after);
    return page;
}

Value EventLog::list(const Session &session, const Value &query) {
    require_admin(authenticator_.recheck(session));
    return list(query);
}

}  // namespace libstore
