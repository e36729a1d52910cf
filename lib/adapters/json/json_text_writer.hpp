// JsonWriter over the jansson codec the C ABI uses, so webhook bodies read exactly as the feed
// does through store_events_list().
#pragma once

#include "core/ports/json_writer.hpp"

namespace libstore::json {

class JsonTextWriter final : public JsonWriter {
  public:
    std::string write(const Value &value) override;
};

}  // namespace libstore::json
