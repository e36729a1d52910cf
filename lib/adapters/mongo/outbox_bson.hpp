// Event drafts in BSON: {_id: <draft id>, type, at: date, data}, the shape of an `outbox` entry
// in a user or order document and of an event in the `events` collection.
#pragma once

#include <bson/bson.h>

#include "core/events/event_draft.hpp"

namespace libstore::mongo {

void append_draft(bson_t *document, const char *key, const EventDraft &draft);
// outbox: [draft, ...] (for a document being inserted).
void append_outbox(bson_t *document, const EventDrafts &drafts);
// Into an open $push document: outbox: {$each: [draft, ...]}; nothing when there are none.
void append_outbox_push(bson_t *push, const EventDrafts &drafts);
EventDraft draft_from_bson(const bson_t *stored);
// The drafts of a document's `outbox`.
EventDrafts outbox_of(const bson_t *document);

}  // namespace libstore::mongo
