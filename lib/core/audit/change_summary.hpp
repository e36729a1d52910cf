// The human-readable part of an audit entry: what a write set, field by field.
#pragma once

#include <string>

#include "core/value.hpp"

namespace libstore {

// "created: name='Books', description='...'" style text of a request body's fields, each value
// cut to a short length so that an entry stays small whatever was written.
std::string describe_fields(const std::string &verb, const Value &body);

}  // namespace libstore
