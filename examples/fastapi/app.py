"""The libstore shop over HTTP: a FastAPI app serving API.md, run by uvicorn, configured by
the same environment as every example host (see libstore.http.environment): MONGODB_URI,
LIBSTORE_DB, LIBSTORE_SECRET, LIBSTORE_ADMIN, LIBSTORE_PASSWORD_COST,
LIBSTORE_SERVER_SELECTION_TIMEOUT_MS, LIBSTORE_TRANSACTIONS, LIBSTORE_ALLOWED_ORIGINS,
LIBSTORE_CACHE_MAX_AGE, LIBSTORE_RATE_LIMIT_PER_MINUTE, LIBSTORE_TRUSTED_PROXIES,
LIBSTORE_DELIVER (webhooks are delivered in the background unless it is 0), HOST and PORT.

Run:  PYTHONPATH=build/python MONGODB_URI=mongodb://127.0.0.1:27017 .venv/bin/python examples/fastapi/app.py
or:   uvicorn --factory app:create --app-dir examples/fastapi --no-proxy-headers
      (the same, with uvicorn's flags)

uvicorn's own X-Forwarded-For handling is off (--no-proxy-headers): by default it trusts
127.0.0.1 and replaces the peer address with the header's before the app sees it, and then
the library could not apply LIBSTORE_TRUSTED_PROXIES, its one rule for every host.
"""

import uvicorn

from libstore.fastapi import create_app
from libstore.http.environment import app_from_environ, listen_address


def create():
    """The app, configured by the environment (the factory gunicorn and uvicorn call)."""
    return app_from_environ(create_app)


def main():
    host, port = listen_address()
    # One process; FastAPI runs the synchronous endpoints in its thread pool, and libstore
    # releases the GIL around database work, so requests run in parallel.
    uvicorn.run(create(), host=host, port=port, log_level="warning", proxy_headers=False)


if __name__ == "__main__":
    main()
