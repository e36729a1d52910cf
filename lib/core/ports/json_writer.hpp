// Port: the JSON text of a value, for what the core itself must keep as bytes (the body of a
// webhook delivery, stored once so every retry sends the very same bytes it was signed over).
#pragma once

#include <string>

#include "core/value.hpp"

namespace libstore {

class JsonWriter {
  public:
    virtual ~JsonWriter() = default;
    // Compact UTF-8 JSON.
    virtual std::string write(const Value &value) = 0;
};

}  // namespace libstore
