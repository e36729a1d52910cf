// Ids of outbox drafts, made where the draft is made (the core), so that the draft, its copy in
// the changed document and the published event all carry one id: a duplicate of it is "already
// relayed", never a second event.
#pragma once

#include <cstdint>
#include <string>

namespace libstore {

// A fresh ObjectId as 24 lower-case hex characters (seconds of `now_ms`, a per-process random
// part, a counter), unique across processes like the ones the driver makes.
std::string new_event_id(std::int64_t now_ms);

}  // namespace libstore
