// The events of product writes (API.md "Events and webhooks"): every product write is audited,
// so each is carried by its audit entry and published when the entry commits (see
// audit/audit_trail.hpp); their data gains product_id there.
#pragma once

#include <string>
#include <vector>

#include "core/audit/audit_entry.hpp"
#include "core/value.hpp"

namespace libstore {

// product.created {product_id}
AuditEvent product_created_event();
// product.deleted {product_id}
AuditEvent product_deleted_event();
// product.updated {product_id, fields: `fields`}: the names of what changed.
AuditEvent product_updated_event(const std::vector<std::string> &fields);
// The member names of a PATCH body: what it changes.
std::vector<std::string> changed_fields(const Value &changes);

}  // namespace libstore
