#include "core/events/event_draft.hpp"

#include "core/events/new_event_id.hpp"

namespace libstore {

EventDraft new_event_draft(const char *type, std::int64_t at_ms, Value data) {
    EventDraft draft;
    draft.id = new_event_id(at_ms);
    draft.type = type;
    draft.at_ms = at_ms;
    draft.data = std::move(data);
    return draft;
}

}  // namespace libstore
