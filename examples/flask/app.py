"""The libstore shop over HTTP: a Flask app serving API.md, configured by environment.

    MONGODB_URI      MongoDB connection string (required here; .ci/shop starts a development
                     database when you give none)
    LIBSTORE_DB      database name (default "libstore")
    LIBSTORE_SECRET  access-token signing key, at least 32 bytes; keep it private and stable.
                     When unset a random one is made, so tokens die with the process.
    HOST, PORT       where to listen (default 127.0.0.1:8000)
    LIBSTORE_ADMIN   "username:password": creates that admin account at start-up unless it
                     exists (LIBSTORE_ADMIN_EMAIL sets its email; default username@admin.localhost)
    LIBSTORE_PASSWORD_COST               interactive (default), moderate, or minimum (tests)
    LIBSTORE_SERVER_SELECTION_TIMEOUT_MS how long a request waits for an unreachable database
                                         before answering 503 (default 5000)
    LIBSTORE_TRANSACTIONS  auto (default), always or never: whether orders are placed and
                           cancelled in MongoDB transactions (auto: when the server has them)

Run:  PYTHONPATH=build/python MONGODB_URI=mongodb://127.0.0.1:27017 .venv/bin/python examples/flask/app.py
"""

import os
import secrets
import sys

import libstore
from libstore.flask import create_app


def make_store(environ=os.environ):
    uri = environ.get("MONGODB_URI")
    if not uri:
        sys.exit("MONGODB_URI is not set: point it at your MongoDB (or run .ci/shop)")
    secret = environ.get("LIBSTORE_SECRET")
    if not secret:
        print("LIBSTORE_SECRET is not set: using a random secret for this run only",
              file=sys.stderr)
        secret = secrets.token_urlsafe(48)
    return libstore.Store(
        uri,
        database=environ.get("LIBSTORE_DB", "libstore"),
        secret=secret,
        password_cost=environ.get("LIBSTORE_PASSWORD_COST", "interactive"),
        server_selection_timeout_ms=int(environ.get("LIBSTORE_SERVER_SELECTION_TIMEOUT_MS", "5000")),
        transactions=environ.get("LIBSTORE_TRANSACTIONS", "auto"),
    )


def ensure_admin(store, environ=os.environ):
    """Creates the admin named by LIBSTORE_ADMIN=username:password unless it already exists."""
    spec = environ.get("LIBSTORE_ADMIN")
    if not spec:
        return
    username, separator, password = spec.partition(":")
    if not separator:
        sys.exit("LIBSTORE_ADMIN must be 'username:password'")
    email = environ.get("LIBSTORE_ADMIN_EMAIL", "%s@admin.localhost" % username.lower())
    try:
        store.create_admin(username=username, email=email, password=password)
        print("created admin account %r" % username, file=sys.stderr)
    except libstore.ConflictError:
        pass  # it exists already
    except libstore.UnavailableError:
        print("database unreachable: admin account %r not checked" % username, file=sys.stderr)


def main():
    store = make_store()
    ensure_admin(store)
    app = create_app(store)
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    # threaded: libstore releases the GIL around database work, so requests run in parallel.
    app.run(host=host, port=port, threaded=True)


if __name__ == "__main__":
    main()
