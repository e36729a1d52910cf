"""Errors as the API's JSON bodies: ``{"error": {"code", "message", "field"}}``."""

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


def error_reply(status, code, message, field=None, headers=None):
    return Reply(status, {"error": {"code": code, "message": message, "field": field}},
                 headers=headers)


def store_error_reply(error):
    headers = {}
    if error.code == "rate_limited" and error.retry_after:
        headers["Retry-After"] = str(error.retry_after)
    return error_reply(HTTP_STATUS.get(error.code, 500), error.code, error.message, error.field,
                       headers)


def status_reply(status, message, headers=None):
    """The error body for a status the framework chose (404 no route, 405, 413...)."""
    code = _STATUS_CODES.get(status, "internal" if status >= 500 else "invalid_argument")
    return error_reply(status, code, message, headers=headers)
