/* The C host's mail hook (store_mail_fn): where the messages the store wants sent go.
 *
 * With LIBSTORE_MAIL_DIR set, each message is written there as one JSON file holding exactly
 * the message object {"kind", "to", "token", "created_at"}: written whole under a temporary
 * name in that directory, then renamed into place, so a reader never sees half a file. Names
 * are unique: <created_at>-<kind>-<random>.json. Without it, each message is printed to stderr
 * as one line (development). The Python hosts do the same (libstore.http.mail_outbox). */
#ifndef STORE_HTTPD_MAIL_OUTBOX_H
#define STORE_HTTPD_MAIL_OUTBOX_H

/* A store_mail_fn. `directory` (the user data) is the mail directory, or NULL for stderr. A
 * message that cannot be written is printed to stderr with the reason. */
void mail_outbox_deliver(void *directory, const char *message_json);

#endif
