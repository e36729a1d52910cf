"""A host configured by its environment, the same variables for every example host:

    MONGODB_URI      MongoDB connection string (required)
    LIBSTORE_DB      database name (default "libstore")
    LIBSTORE_SECRET  access-token signing key, at least 32 bytes; keep it private and stable.
                     When unset a random one is made, so tokens die with the process.
    LIBSTORE_ADMIN   "username:password": creates that admin account at start-up unless it
                     exists (LIBSTORE_ADMIN_EMAIL sets its email; default username@admin.localhost)
    LIBSTORE_PASSWORD_COST               interactive (default), moderate, or minimum (tests)
    LIBSTORE_SERVER_SELECTION_TIMEOUT_MS how long a request waits for an unreachable database
                                         before answering 503 (default 5000)
    LIBSTORE_TRANSACTIONS     auto (default), always or never: whether orders are placed and
                              cancelled in MongoDB transactions (auto: when the server has them)
    LIBSTORE_ALLOWED_ORIGINS  comma-separated origins allowed to call from a browser (CORS);
                              unset: no CORS headers at all
    LIBSTORE_CACHE_MAX_AGE    seconds public catalog reads may be cached (default 30)
    LIBSTORE_MAIL_DIR         directory the mail the store wants sent (password reset, email
                              verification) is written to, one JSON file per message; unset:
                              printed to stderr (see libstore.http.mail_outbox)
    LIBSTORE_RATE_LIMIT_PER_MINUTE  requests per client address and minute on login, register,
                              refresh and password reset (default 60; 0 = off)
    LIBSTORE_PASSWORD_HASH_CONCURRENCY  how many password hashes run at once (default 0 = the
                              number of cores; each takes 64 MiB at the interactive cost)
    LIBSTORE_PASSWORD_HASH_WAIT_MS  how long a login, registration or password change waits
                              for a turn before it is answered 429 (default 1000)
    LIBSTORE_TRUSTED_PROXIES  comma-separated addresses and CIDR ranges of the reverse proxies
                              whose X-Forwarded-For is believed; unset: none
    LIBSTORE_DELIVER          1 (default): deliver webhooks from this process, in the
                              background (libstore.Deliverer); 0: leave that to other processes
                              (e.g. `store-admin deliver`)
    LIBSTORE_RECOVER_INTERVAL seconds between background recovery sweeps (libstore.Recoverer:
                              what a crash left half-done is finished or rolled back); default
                              30; 0: none in this process (run `store-admin recover` yourself)
    LIBSTORE_RECOVER_AGE      seconds old a placement or cancellation must be before recovery
                              touches it (default 60; at least 1)
    LIBSTORE_WEBHOOK_ALLOW_PRIVATE  1: webhook URLs may point at loopback and private addresses
                              (development and tests only); default refused
    LIBSTORE_WEBHOOK_TIMEOUT_MS, LIBSTORE_WEBHOOK_RETRY_INITIAL_MS, LIBSTORE_WEBHOOK_LEASE_MS
                              one delivery attempt (default 10000), the first retry's wait
                              (default 1000, doubling to 1 h), how long a deliverer holds a
                              delivery (default 60000, longer than the timeout)
    HOST, PORT       where to listen (default 127.0.0.1:8000)
"""

import atexit
import contextlib
import os
import secrets
import sys

import libstore
from libstore.http.mail_outbox import mail_hook_from_environ
from libstore.http.settings import HostSettings


# The option a ValidationError names -> the variable it came from, for the start-up message.
_VARIABLES = {
    "trusted_proxies": "LIBSTORE_TRUSTED_PROXIES",
    "rate_limit_per_minute": "LIBSTORE_RATE_LIMIT_PER_MINUTE",
    "webhook_timeout_ms": "LIBSTORE_WEBHOOK_TIMEOUT_MS",
    "webhook_retry_initial_ms": "LIBSTORE_WEBHOOK_RETRY_INITIAL_MS",
    "webhook_retry_max_ms": "LIBSTORE_WEBHOOK_RETRY_INITIAL_MS",
    "webhook_lease_ms": "LIBSTORE_WEBHOOK_LEASE_MS",
    "password_hash_concurrency": "LIBSTORE_PASSWORD_HASH_CONCURRENCY",
    "password_hash_wait_ms": "LIBSTORE_PASSWORD_HASH_WAIT_MS",
}

# Password hashing settings: variable -> (Store keyword, default); the library checks the range.
_PASSWORD_HASHING = {
    "LIBSTORE_PASSWORD_HASH_CONCURRENCY": ("password_hash_concurrency", 0),
    "LIBSTORE_PASSWORD_HASH_WAIT_MS": ("password_hash_wait_ms", 1000),
}

# Webhook delivery settings: variable -> (Store keyword, default).
_WEBHOOK_MILLISECONDS = {
    "LIBSTORE_WEBHOOK_TIMEOUT_MS": ("webhook_timeout_ms", 10000),
    "LIBSTORE_WEBHOOK_RETRY_INITIAL_MS": ("webhook_retry_initial_ms", 1000),
    "LIBSTORE_WEBHOOK_LEASE_MS": ("webhook_lease_ms", 60000),
}


def webhook_options_from_environ(environ=os.environ):
    """The Store keywords of the LIBSTORE_WEBHOOK_* variables; exits naming a malformed one."""
    allow = environ.get("LIBSTORE_WEBHOOK_ALLOW_PRIVATE", "0")
    if allow not in ("0", "1"):
        sys.exit("LIBSTORE_WEBHOOK_ALLOW_PRIVATE must be 0 or 1, not %r" % allow)
    options = {"webhook_allow_private": allow == "1"}
    for variable, (keyword, default) in _WEBHOOK_MILLISECONDS.items():
        text = environ.get(variable, str(default))
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            sys.exit("%s must be a number of milliseconds, not %r" % (variable, text))
        options[keyword] = int(text)
    return options


def password_hashing_options_from_environ(environ=os.environ):
    """The Store keywords of the LIBSTORE_PASSWORD_HASH_* variables; exits naming a bad one."""
    options = {}
    for variable, (keyword, default) in _PASSWORD_HASHING.items():
        text = environ.get(variable, str(default))
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            sys.exit("%s must be a whole number, not %r" % (variable, text))
        options[keyword] = int(text)
    return options


def store_from_environ(environ=os.environ):
    """The Store the variables describe; exits with a message when MONGODB_URI is missing."""
    uri = environ.get("MONGODB_URI")
    if not uri:
        sys.exit("MONGODB_URI is not set: point it at your MongoDB (or run .ci/shop)")
    secret = environ.get("LIBSTORE_SECRET")
    if not secret:
        print("LIBSTORE_SECRET is not set: using a random secret for this run only",
              file=sys.stderr)
        secret = secrets.token_urlsafe(48)
    timeout = environ.get("LIBSTORE_SERVER_SELECTION_TIMEOUT_MS", "5000")
    if not timeout.isdigit():
        sys.exit("LIBSTORE_SERVER_SELECTION_TIMEOUT_MS must be a number of milliseconds, not %r"
                 % timeout)
    rate_limit = environ.get("LIBSTORE_RATE_LIMIT_PER_MINUTE", "60")
    if not (rate_limit.isascii() and rate_limit.isdigit()) or int(rate_limit) > 1000000:
        sys.exit("LIBSTORE_RATE_LIMIT_PER_MINUTE must be a number of requests from 0 (off) to "
                 "1000000, not %r" % rate_limit)
    try:
        return libstore.Store(
            uri,
            database=environ.get("LIBSTORE_DB", "libstore"),
            secret=secret,
            password_cost=environ.get("LIBSTORE_PASSWORD_COST", "interactive"),
            server_selection_timeout_ms=int(timeout),
            transactions=environ.get("LIBSTORE_TRANSACTIONS", "auto"),
            mail=mail_hook_from_environ(environ),
            rate_limit_per_minute=int(rate_limit),
            trusted_proxies=environ.get("LIBSTORE_TRUSTED_PROXIES"),
            **webhook_options_from_environ(environ),
            **password_hashing_options_from_environ(environ),
        )
    except libstore.ValidationError as error:
        variable = _VARIABLES.get(error.field)
        sys.exit("cannot open the store: %s%s" % (variable + ": " if variable else "",
                                                  error.message))


def settings_from_environ(environ=os.environ):
    """The HTTP settings (CORS, caching); exits naming the variable when one is malformed."""
    try:
        return HostSettings.from_environ(environ)
    except ValueError as error:
        sys.exit(str(error))


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


def listen_address(environ=os.environ):
    """(host, port) from HOST and PORT."""
    port = environ.get("PORT", "8000")
    if not port.isdigit() or not 0 < int(port) < 65536:
        sys.exit("PORT must be a TCP port number, not %r" % port)
    return environ.get("HOST", "127.0.0.1"), int(port)


def deliverer_from_environ(store, environ=os.environ):
    """The store's background webhook deliverer, started, unless LIBSTORE_DELIVER=0 (None)."""
    setting = environ.get("LIBSTORE_DELIVER", "1")
    if setting not in ("0", "1"):
        sys.exit("LIBSTORE_DELIVER must be 1 (deliver webhooks from this process) or 0, not %r"
                 % setting)
    return store.start_deliverer() if setting == "1" else None


def recoverer_from_environ(store, environ=os.environ):
    """The store's background recoverer, started, unless LIBSTORE_RECOVER_INTERVAL=0 (None)."""
    seconds = {}
    for variable, default in (("LIBSTORE_RECOVER_INTERVAL", "30"), ("LIBSTORE_RECOVER_AGE", "60")):
        text = environ.get(variable, default)
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            sys.exit("%s must be a whole number of seconds, not %r" % (variable, text))
        seconds[variable] = int(text)
    if seconds["LIBSTORE_RECOVER_INTERVAL"] == 0:
        return None
    try:
        return store.start_recoverer(interval=seconds["LIBSTORE_RECOVER_INTERVAL"],
                                     min_age=seconds["LIBSTORE_RECOVER_AGE"])
    except libstore.ValidationError as error:
        variable = {"interval_ms": "LIBSTORE_RECOVER_INTERVAL",
                    "min_age_ms": "LIBSTORE_RECOVER_AGE"}.get(error.field, error.field)
        sys.exit("%s: %s" % (variable, error.message))


def stop_with(app, deliverer, name="deliverer"):
    """Stops ``deliverer`` (a Deliverer or a Recoverer) when ``app`` shuts down: a
    Starlette/FastAPI app's lifespan ends (uvicorn's orderly stop on SIGTERM), or else (Flask)
    when the process exits."""
    atexit.register(deliverer.stop)  # stopping twice is fine
    router = getattr(app, "router", None)
    inner = getattr(router, "lifespan_context", None)
    if inner is None:
        app.extensions["libstore." + name] = deliverer
        return

    @contextlib.asynccontextmanager
    async def lifespan(running_app):
        try:
            async with inner(running_app) as state:
                yield state
        finally:
            import anyio.to_thread  # FastAPI's own dependency
            await anyio.to_thread.run_sync(deliverer.stop)

    router.lifespan_context = lifespan
    setattr(app.state, "libstore_" + name, deliverer)


def app_from_environ(create_app, environ=os.environ):
    """``create_app(store, settings=...)`` (libstore.flask's or libstore.fastapi's) over the
    Store and settings the variables describe, after creating LIBSTORE_ADMIN's account, with
    webhooks delivered in the background unless LIBSTORE_DELIVER=0 and crash recovery running
    in the background unless LIBSTORE_RECOVER_INTERVAL=0."""
    settings = settings_from_environ(environ)
    store = store_from_environ(environ)
    ensure_admin(store, environ)
    app = create_app(store, settings=settings)
    deliverer = deliverer_from_environ(store, environ)
    if deliverer is not None:
        stop_with(app, deliverer)
    recoverer = recoverer_from_environ(store, environ)
    if recoverer is not None:
        stop_with(app, recoverer, "recoverer")
    return app
