/* libstore — the audit log: every write an admin or a staff user makes, recorded in the same
 * step as the write (a crash in between is settled by store_recover()).
 *
 *     char *page;
 *     if (store_audit_list(&page, session, "{\"action\":\"product.update\"}", &error) ==
 *         STORE_OK) {
 *         puts(page);  // {"items": [...], "next_cursor": ...}
 *         store_free(page);
 *     }
 */
#ifndef LIBSTORE_AUDIT_H
#define LIBSTORE_AUDIT_H

#include "libstore/accounts.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Admin or view_audit: reads the audit log, newest first. `query_json` (may be NULL):
 * {actor_id?, action?, target_id?, limit?, cursor?}. *out_page_json: {"items": [{id, at,
 * actor_id, action, target_type, target_id, summary}, ...], "next_cursor": ...}. Actions:
 * category.create|update|delete, product.create|update|delete, order.status,
 * user.activate|deactivate|role. */
STORE_API store_status_t store_audit_list(char **out_page_json, store_session_t *session,
                                          const char *query_json, store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_AUDIT_H */
