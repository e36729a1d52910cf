"""The HTTP contract of ``shared/API.md``, independent of any web framework.

``libstore.flask`` and ``libstore.fastapi`` are thin adapters over this package: the route
table (:mod:`libstore.http.routes`), request parsing, error bodies, CORS and caching live here
once, so both frameworks answer every request with the same status, headers and bytes.

    from libstore.http import HttpHost
    host = HttpHost(store, allowed_origins=["https://shop.example"], cache_max_age=30)
    reply = host.handle(route, request)   # what an adapter does per request
"""

from libstore.http.host import HttpHost
from libstore.http.messages import Reply, Request
from libstore.http.routes import ROUTES, Route
from libstore.http.settings import DEFAULT_CACHE_MAX_AGE, HostSettings

__all__ = ["HttpHost", "HostSettings", "Request", "Reply", "Route", "ROUTES",
           "DEFAULT_CACHE_MAX_AGE"]
