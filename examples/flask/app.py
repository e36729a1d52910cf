"""The libstore shop over HTTP: a Flask app serving API.md, configured by the same environment
as every example host (see libstore.http.environment): MONGODB_URI (required here; .ci/shop
starts a development database when you give none), LIBSTORE_DB, LIBSTORE_SECRET,
LIBSTORE_ADMIN, LIBSTORE_PASSWORD_COST, LIBSTORE_SERVER_SELECTION_TIMEOUT_MS,
LIBSTORE_TRANSACTIONS, LIBSTORE_ALLOWED_ORIGINS, LIBSTORE_CACHE_MAX_AGE,
LIBSTORE_RATE_LIMIT_PER_MINUTE, LIBSTORE_TRUSTED_PROXIES, LIBSTORE_DELIVER (webhooks are
delivered in the background unless it is 0), HOST and PORT.

Run:  PYTHONPATH=build/python MONGODB_URI=mongodb://127.0.0.1:27017 .venv/bin/python examples/flask/app.py
In production, a WSGI server: gunicorn --threads 8 'app:create()' (see the README).
"""

import signal
import sys

from libstore.flask import create_app
from libstore.http.environment import app_from_environ, listen_address


def create():
    """The app, configured by the environment (the factory gunicorn and uvicorn call)."""
    return app_from_environ(create_app)


def _exit_on_sigterm(signum, frame):
    # An orderly exit, so the webhook deliverer stops after its sweep (atexit).
    sys.exit(0)


def main():
    app = create()
    host, port = listen_address()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    # threaded: libstore releases the GIL around database work, so requests run in parallel.
    app.run(host=host, port=port, threaded=True)


if __name__ == "__main__":
    main()
