/* LIBSTORE_ADMIN: the operator's admin account, made at start-up unless it exists. */
#ifndef STORE_HTTPD_ADMIN_BOOTSTRAP_H
#define STORE_HTTPD_ADMIN_BOOTSTRAP_H

#include <libstore/store.h>

#include "host_config.h"

/* Creates the configured admin (nothing when none is configured). An existing account, or a
 * database that cannot be reached yet, is not an error; anything else is printed and returns
 * -1. */
int admin_bootstrap(store_t *store, const host_config_t *config);

#endif
