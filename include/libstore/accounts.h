/* libstore — accounts, authentication and sessions.
 *
 * A session is an authenticated caller made from an access token (store_login() issues them):
 *
 *     char *token_json;   // {"access_token": "...", "token_type": "Bearer", "expires_in": 900}
 *     store_login(&token_json, store, "{\"username\":\"ada\",\"password\":\"correct horse\"}",
 * &error); store_session_t *session; store_session_open(&session, store, access_token, &error);
 *     char *me;
 *     store_session_me(&me, session, &error);
 *     ...
 *     store_free(me);
 *     store_session_free(session);
 *
 * Every session call re-checks the token: a logged-out token, or one of a user who was
 * deactivated, changed password or deleted the account, is refused on its very next call.
 * User objects are JSON: {id, username, email, name, phone, address, role, permissions, is_active,
 * created_at} and never contain a password or its hash.
 *
 * Roles are "client", "staff" and "admin". A staff user holds `permissions`, a subset of
 * "manage_catalog" (categories and products), "manage_orders" (every order, status moves),
 * "manage_users" (listing users, (de)activating clients) and "view_audit" (the audit log); an
 * admin holds every permission, and alone changes roles. Calls below marked "Admin" are open to
 * staff holding the permission named; every write they make is recorded in the audit log
 * (libstore/audit.h). */
#ifndef LIBSTORE_ACCOUNTS_H
#define LIBSTORE_ACCOUNTS_H

#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Opaque authenticated caller. Use from one thread at a time; free with store_session_free().
 * It refers to its store, which must outlive it. */
typedef struct store_session store_session_t;

/* Registers a client. `user_json`: {username, email, password, name?, phone?, address?}.
 * username: 3-32 of [A-Za-z0-9_.-]; email: valid; password: 8-128 characters. Duplicate
 * username or email (case-insensitive) -> STORE_ECONFLICT. *out_user_json: the new user. */
STORE_API store_status_t store_register(char **out_user_json, store_t *store, const char *user_json,
                                        store_error_t *error);

/* Logs in. `credentials_json`: {username | email, password}. *out_token_json:
 * {"access_token", "token_type": "Bearer", "expires_in"}. Wrong credentials ->
 * STORE_EUNAUTHENTICATED (same answer whether or not the user exists); inactive account ->
 * STORE_EFORBIDDEN; 5 failures for one account within 15 minutes -> STORE_ERATELIMITED with
 * error->retry_after_seconds. */
STORE_API store_status_t store_login(char **out_token_json, store_t *store,
                                     const char *credentials_json, store_error_t *error);

/* Creates an admin account (an operator action, not reachable over HTTP). Same fields and rules
 * as store_register(). */
STORE_API store_status_t store_create_admin(char **out_user_json, store_t *store,
                                            const char *user_json, store_error_t *error);

/* Makes a session from an access token (without the "Bearer " prefix). Invalid, expired,
 * tampered or revoked tokens -> STORE_EUNAUTHENTICATED; a deactivated account ->
 * STORE_EFORBIDDEN. */
STORE_API store_status_t store_session_open(store_session_t **out_session, store_t *store,
                                            const char *access_token, store_error_t *error);

/* store_login() and store_session_open() in one call, for C callers who want a session rather
 * than a token: same credentials, same errors. */
STORE_API store_status_t store_session_login(store_session_t **out_session, store_t *store,
                                             const char *credentials_json, store_error_t *error);

/* Releases a session handle (does not log out). Accepts NULL. */
STORE_API void store_session_free(store_session_t *session);

/* Revokes the session's token: every later use of it is refused. */
STORE_API store_status_t store_session_logout(store_session_t *session, store_error_t *error);

/* The caller's user object. */
STORE_API store_status_t store_session_me(char **out_user_json, store_session_t *session,
                                          store_error_t *error);

/* Updates the caller's profile: {name?, phone?, address?, email?, password?}. A new password
 * ends every other token of the account (this session's token too). */
STORE_API store_status_t store_session_update_me(char **out_user_json, store_session_t *session,
                                                 const char *changes_json, store_error_t *error);

/* Deletes the caller's account, its cart and its tokens; its orders stay for the records. */
STORE_API store_status_t store_session_delete_me(store_session_t *session, store_error_t *error);

/* Admin or manage_users: lists users. `query_json` (may be NULL): {username?, email?, role?,
 * is_active?, limit?, cursor?}. *out_page_json: {"items": [...], "next_cursor": ...}. */
STORE_API store_status_t store_users_list(char **out_page_json, store_session_t *session,
                                          const char *query_json, store_error_t *error);

/* Admin or manage_users: deactivates a user; their tokens stop working at once. Admins cannot be
 * deactivated this way, and staff only by an admin (STORE_EFORBIDDEN). */
STORE_API store_status_t store_user_deactivate(char **out_user_json, store_session_t *session,
                                               const char *user_id, store_error_t *error);

/* Admin or manage_users: reactivates a user (staff: a client only). */
STORE_API store_status_t store_user_activate(char **out_user_json, store_session_t *session,
                                             const char *user_id, store_error_t *error);

/* Admin only: sets a user's role. `role_json`: {"role": "client" | "staff" | "admin",
 * "permissions": [...]} (permissions for staff only). The user's tokens stop working at once.
 * Changing one's own role is STORE_EFORBIDDEN; demoting the last active admin STORE_ECONFLICT
 * (field "role"). *out_user_json: the user afterwards. */
STORE_API store_status_t store_user_set_role(char **out_user_json, store_session_t *session,
                                             const char *user_id, const char *role_json,
                                             store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_ACCOUNTS_H */
