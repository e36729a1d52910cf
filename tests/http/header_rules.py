"""What the header tests (test_cors.py, test_caching.py) share: the values http-headers.md fixes,
the routes with their methods, and hosts started with the environment a test module needs."""

import contextlib

from conftest import login
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, HOSTS

ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Cart-Token"
EXPOSE_HEADERS = "ETag, Retry-After"
SOME_ID = "0123456789abcdef01234567"

# API.md's v1 routes (and GET /openapi.json) with their methods in the fixed order of
# http-headers.md: GET, POST, PUT, PATCH, DELETE.
ROUTE_METHODS = {
    "/health": "GET",
    "/openapi.json": "GET",
    "/auth/register": "POST",
    "/auth/login": "POST",
    "/auth/logout": "POST",
    "/users/me": "GET, PATCH, DELETE",
    "/users": "GET",
    "/users/%s/deactivate" % SOME_ID: "POST",
    "/users/%s/activate" % SOME_ID: "POST",
    "/categories": "GET, POST",
    "/categories/" + SOME_ID: "GET, PATCH, DELETE",
    "/products": "GET, POST",
    "/products/" + SOME_ID: "GET, PATCH, DELETE",
    "/cart": "GET, DELETE",
    "/cart/items": "POST",
    "/cart/items/" + SOME_ID: "PUT, DELETE",
    "/orders": "GET, POST",
    "/orders/" + SOME_ID: "GET",
    "/orders/%s/status" % SOME_ID: "GET, PATCH",
    "/orders/%s/cancel" % SOME_ID: "POST",
}


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
