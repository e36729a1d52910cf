"""The endpoints rate-limited per client address (API.md, "Hosts: the same everywhere").

The library cannot see the socket, so before running one of these routes the host reports the
request's peer address and X-Forwarded-For with ``Store.rate_limit_hit``; the library decides
which address counts, keeps the count and raises ``RateLimitedError`` over the limit. The same
table is examples/httpd/rate_limits.c's.
"""

# (method, route path) -> the library's action.
ACTIONS = {
    ("POST", "/auth/login"): "login",
    ("POST", "/auth/register"): "register",
    ("POST", "/auth/refresh"): "refresh",
    ("POST", "/auth/password-reset"): "password_reset",
}


def forwarded_for(headers):
    """Every X-Forwarded-For field joined by ", " in the order received (RFC 9110 section 5.3),
    or None. Starlette's ``get`` gives the first field only; WSGI servers join them already."""
    getlist = getattr(headers, "getlist", None)
    if getlist is not None:
        fields = getlist("X-Forwarded-For")
        return ", ".join(fields) if fields else None
    return headers.get("X-Forwarded-For")


def count(store, route, request):
    """Counts ``request`` if ``route`` is rate-limited; raises RateLimitedError over the limit."""
    action = ACTIONS.get((route.method, route.path))
    if action is not None:
        store.rate_limit_hit(action, request.client_address or "",
                             forwarded_for(request.headers))
