#include "adapters/mongo/outbox_bson.hpp"

#include <string>

#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/value_bson.hpp"

namespace libstore::mongo {

namespace {

void append_draft_array(bson_t *document, const char *key, const EventDrafts &drafts) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, key, &array);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        append_draft(&array, std::to_string(i).c_str(), drafts[i]);
    }
    bson_append_array_end(document, &array);
}

}  // namespace

void append_draft(bson_t *document, const char *key, const EventDraft &draft) {
    bson_t stored;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &stored);
    append_text(&stored, "_id", draft.id);
    append_text(&stored, "type", draft.type);
    BSON_APPEND_DATE_TIME(&stored, "at", draft.at_ms);
    append_value(&stored, "data", draft.data);
    bson_append_document_end(document, &stored);
}

void append_outbox(bson_t *document, const EventDrafts &drafts) {
    append_draft_array(document, "outbox", drafts);
}

void append_outbox_push(bson_t *push, const EventDrafts &drafts) {
    if (drafts.empty()) {
        return;
    }
    bson_t each;
    BSON_APPEND_DOCUMENT_BEGIN(push, "outbox", &each);
    append_draft_array(&each, "$each", drafts);
    bson_append_document_end(push, &each);
}

EventDraft draft_from_bson(const bson_t *stored) {
    EventDraft draft;
    draft.id = read_string_or(stored, "_id", "");
    draft.type = read_string_or(stored, "type", "");
    draft.at_ms = read_date_ms(stored, "at");
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, stored, "data")) {
        draft.data = value_from_iter(&iter);
    }
    return draft;
}

EventDrafts outbox_of(const bson_t *document) {
    EventDrafts drafts;
    for_each_document_in(document, "outbox",
                         [&](const bson_t *stored) { drafts.push_back(draft_from_bson(stored)); });
    return drafts;
}

}  // namespace libstore::mongo
