"""The exception tree every libstore call raises from.

All errors derive from :class:`StoreError` and carry ``code`` (the API's machine-readable code,
e.g. ``"not_found"``), ``field`` (the input field at fault, or ``None``), ``message`` and
``details`` (``None``, or a list saying item by item what the message sums up).
Some also derive from the matching built-in, so ``except ValueError`` catches bad input.
"""


class StoreError(Exception):
    """Base class of every libstore error."""

    default_code = "internal"

    def __init__(self, message, *, code=None, field=None, retry_after=0, details=None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.retry_after = retry_after
        self.details = details

    def to_dict(self):
        """The API's error body: ``{"error": {"code", "message", "field", "details"?}}``
        (``details`` only when there are some)."""
        error = {"code": self.code, "message": self.message, "field": self.field}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


class ValidationError(StoreError, ValueError):
    """Input failed validation (HTTP 400); ``field`` names it."""

    default_code = "invalid_argument"


class UnauthenticatedError(StoreError):
    """Missing, invalid, expired or revoked token, or wrong credentials (HTTP 401)."""

    default_code = "unauthenticated"


class ForbiddenError(StoreError):
    """Authenticated but not allowed: role or inactive account (HTTP 403)."""

    default_code = "forbidden"


class NotFoundError(StoreError, LookupError):
    """No such resource, or one the caller may not see (HTTP 404)."""

    default_code = "not_found"


class ConflictError(StoreError):
    """Duplicate unique value, insufficient stock, or illegal status change (HTTP 409).

    A checkout refused for its cart lines (``field == "items"``) has ``details``: one
    ``{"product_id", "variant_id", "problem", "available_quantity"}`` per line that cannot be
    bought, ``problem`` being ``"deleted"``, ``"hidden"``, ``"out_of_stock"`` or ``"short"``.
    """

    default_code = "conflict"


class RateLimitedError(StoreError):
    """Too many failed logins; ``retry_after`` says how many seconds to wait (HTTP 429)."""

    default_code = "rate_limited"


class UnavailableError(StoreError, ConnectionError):
    """The database cannot be reached; retrying later may succeed (HTTP 503)."""

    default_code = "unavailable"


class PayloadTooLargeError(StoreError):
    """An input document is over the size limit (HTTP 413)."""

    default_code = "payload_too_large"


class InternalError(StoreError):
    """A bug or resource exhaustion inside libstore (HTTP 500)."""

    default_code = "internal"


HTTP_STATUS = {
    "invalid_argument": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "payload_too_large": 413,
    "rate_limited": 429,
    "unavailable": 503,
    "internal": 500,
}
"""The HTTP status API.md assigns to each error code."""
