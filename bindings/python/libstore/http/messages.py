"""A request as the route handlers see it, and the reply they give back."""

import json

JSON_CONTENT_TYPE = "application/json"


class Request:
    """One HTTP request, taken from whichever framework received it.

    ``headers`` is the framework's case-insensitive header mapping (anything with ``get``);
    ``query`` the query string as ``(name, value)`` pairs in order; ``read_body`` a callable
    returning the body bytes, called only by the routes that take a body, with an optional
    limit in bytes (default 1 MiB; it raises ``PayloadTooLargeError`` past it).
    """

    __slots__ = ("method", "path_params", "query", "headers", "read_body", "client_address")

    def __init__(self, method, *, path_params=None, query=(), headers=None,
                 read_body=lambda limit=None: b"", client_address=None):
        self.method = method.upper()
        self.path_params = dict(path_params or {})
        self.query = list(query)
        self.headers = headers if headers is not None else {}
        self.read_body = read_body
        self.client_address = client_address

    def header(self, name):
        """The value of header ``name`` (any case), or None."""
        return self.headers.get(name)


class Reply:
    """Status, headers and body of an answer. ``body`` is a JSON value, raw bytes, or None."""

    __slots__ = ("status", "headers", "body", "content_type")

    def __init__(self, status, body=None, *, headers=None, content_type=JSON_CONTENT_TYPE):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        self.content_type = content_type

    def body_bytes(self):
        """The body as bytes: JSON values as compact UTF-8 JSON; b"" for no body."""
        if self.body is None:
            return b""
        if isinstance(self.body, (bytes, bytearray)):
            return bytes(self.body)
        return json.dumps(self.body, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")


def ok(body):
    return Reply(200, body)


def created(body):
    return Reply(201, body)


def accepted():
    """202 with an empty object: the request was taken; what follows happens elsewhere (mail)."""
    return Reply(202, {})


def no_content():
    return Reply(204, None)
