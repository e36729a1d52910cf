#include "adapters/json/json_text_writer.hpp"

#include "adapters/json/json_codec.hpp"

namespace libstore::json {

std::string JsonTextWriter::write(const Value &value) {
    return serialize(value);
}

}  // namespace libstore::json
