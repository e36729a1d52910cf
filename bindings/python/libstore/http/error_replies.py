"""Errors as the API's JSON bodies: ``{"error": {"code", "message", "field", "details"?}}``."""

from libstore.errors import HTTP_STATUS
from libstore.http.messages import Reply

# Codes for the statuses a framework answers by itself (no such route, wrong method...).
_STATUS_CODES = {
    400: "invalid_argument",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "invalid_argument",
    429: "rate_limited",
    503: "unavailable",
}


def error_reply(status, code, message, field=None, headers=None, details=None):
    error = {"code": code, "message": message, "field": field}
    if details is not None:
        error["details"] = details
    return Reply(status, {"error": error}, headers=headers)


def store_error_reply(error):
    headers = {}
    if error.code == "rate_limited" and error.retry_after:
        headers["Retry-After"] = str(error.retry_after)
    return error_reply(HTTP_STATUS.get(error.code, 500), error.code, error.message, error.field,
                       headers, getattr(error, "details", None))


def status_reply(status, message, headers=None):
    """The error body for a status the framework chose (404 no route, 405, 413...)."""
    code = _STATUS_CODES.get(status, "internal" if status >= 500 else "invalid_argument")
    return error_reply(status, code, message, headers=headers)
