"""One object that answers every request the same way, whatever framework received it."""

import logging

from libstore.errors import StoreError
from libstore.http import caching, rate_limits
from libstore.http.cors import CorsPolicy
from libstore.http.error_replies import error_reply, status_reply, store_error_reply
from libstore.http.messages import Reply
from libstore.http.routes import METHOD_ORDER, ROUTES, methods_by_path
from libstore.http.settings import HostSettings

_log = logging.getLogger("libstore.http")
_ALLOW_ORDER = ("GET", "HEAD") + METHOD_ORDER[1:] + ("OPTIONS",)


class HttpHost:
    """The API of ``shared/API.md`` over one Store.

    An adapter registers every entry of :attr:`routes` with its framework, and for each request
    builds a :class:`~libstore.http.Request` and sends back the Reply of :meth:`handle`,
    :meth:`options` or :meth:`framework_error` (``status``, ``headers``, ``content_type``,
    ``body_bytes()``) unchanged.
    """

    def __init__(self, store, *, allowed_origins=(), cache_max_age=None, settings=None):
        """``settings`` (a HostSettings), or the two HostSettings takes."""
        self.store = store
        self.settings = settings or HostSettings(allowed_origins, cache_max_age)
        self.cors = CorsPolicy(self.settings.allowed_origins)
        self.routes = list(ROUTES)
        self.methods_by_path = methods_by_path()

    def handle(self, route, request):
        """Runs ``route``'s handler: its reply, or the error body of what it raised. A
        rate-limited route counts the request first (429 over the limit)."""
        try:
            rate_limits.count(self.store, route, request)
            reply = route.handler(self.store, request)
        except StoreError as error:
            reply = store_error_reply(error)
        except Exception:  # a bug: answer like one, keep serving
            _log.exception("unhandled error in %s %s", route.method, route.path)
            reply = error_reply(500, "internal", "internal error")
        return self._finish(request, reply, route)

    def options(self, path, request):
        """``OPTIONS`` on the route path ``path``: a CORS preflight, or the methods it allows."""
        methods = self.methods_by_path[path]
        if self.cors.is_preflight(request):
            reply = Reply(204, headers=self.cors.preflight_headers(methods))
        else:
            reply = Reply(204, headers={"Allow": ", ".join(methods)})
        return self._finish(request, reply, None)

    def framework_error(self, request, status, message, allowed_methods=None):
        """What the framework decided by itself — no such route (404), wrong method (405, with
        the path's methods), body over its limit (413) — as the API's error body."""
        headers = {}
        if allowed_methods is not None:
            # Everything the path answers: its methods, HEAD with GET, and OPTIONS.
            allowed = {method.upper() for method in allowed_methods} | {"OPTIONS"}
            if "GET" in allowed:
                allowed.add("HEAD")
            headers["Allow"] = ", ".join(m for m in _ALLOW_ORDER if m in allowed)
        return self._finish(request, status_reply(status, message, headers), None)

    def _finish(self, request, reply, route):
        body = reply.body_bytes()
        headers = reply.headers
        if caching.is_cacheable(route, request, reply.status):
            if caching.cache_public(request, headers, body, self.settings.cache_max_age):
                reply = Reply(304, headers=headers)
                body = b""
        else:
            headers.setdefault("Cache-Control", caching.NO_STORE)
        self.cors.apply(request, headers)
        return Reply(reply.status, body if reply.status not in (204, 304) else None,
                     headers=headers, content_type=reply.content_type)
