"""What the header tests (test_cors.py, test_caching.py) share: the values http-headers.md fixes,
the routes with their methods, and hosts started with the environment a test module needs."""

import contextlib

from conftest import login
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, HOSTS
from openapi_document import concrete, path_methods

ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Cart-Token"
EXPOSE_HEADERS = "ETag, Retry-After"
SOME_ID = "0123456789abcdef01234567"

# Every documented route, an id in each parameter, with its methods in the fixed order of
# http-headers.md (GET, POST, PUT, PATCH, DELETE).
ROUTE_METHODS = {concrete(path, SOME_ID): methods for path, methods in path_methods().items()}


@contextlib.contextmanager
def running_host(host_name, database, env):
    """A host of its own with `env` on top of the suite's (None removes a variable)."""
    host = HOSTS[host_name](database, extra_env=env)
    try:
        yield host
    finally:
        host.stop()


def fresh_client(host, database):
    database.reset()
    return host.client()


def admin_client(client, operator_store):
    """The admin as the conftest fixture makes it, logged in through `client`'s host."""
    operator_store.create_admin(username=ADMIN_USERNAME, email="root@example.com",
                                password=ADMIN_PASSWORD)
    return login(client, ADMIN_USERNAME, ADMIN_PASSWORD)


def cors_headers(response):
    """The Access-Control-* headers of `response`, by lower-case name."""
    return {name.lower(): value for name, value in response.header_list
            if name.lower().startswith("access-control-")}


def vary_tokens(response):
    value = response.header("Vary")
    return [token.strip() for token in value.split(",")] if value else []
