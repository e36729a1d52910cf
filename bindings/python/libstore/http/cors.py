"""Cross-origin requests (API.md "Hosts: the same everywhere"): which origins may call, and
the headers that tell a browser so. No cookies are used, so credentials are never allowed."""

ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Cart-Token"
EXPOSED_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = "600"


class CorsPolicy:
    def __init__(self, allowed_origins):
        self._origins = frozenset(allowed_origins)
        self._any = "*" in self._origins

    @property
    def enabled(self):
        return bool(self._origins)

    def allowed_origin(self, request):
        """The request's Origin when it may call, else None."""
        origin = request.header("Origin")
        if origin is None or not self._origins:
            return None
        return origin if self._any or origin in self._origins else None

    def is_preflight(self, request):
        return (request.method == "OPTIONS" and self.allowed_origin(request) is not None
                and request.header("Access-Control-Request-Method") is not None)

    def preflight_headers(self, methods):
        return {
            "Access-Control-Allow-Methods": ", ".join(methods),
            "Access-Control-Allow-Headers": ALLOWED_REQUEST_HEADERS,
            "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        }

    def apply(self, request, headers):
        """Adds to ``headers`` what every answer to ``request`` carries."""
        if not self._origins:
            return
        add_vary(headers, "Origin")
        origin = self.allowed_origin(request)
        if origin is not None:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def add_vary(headers, name):
    current = headers.get("Vary")
    headers["Vary"] = name if not current else "%s, %s" % (current, name)
