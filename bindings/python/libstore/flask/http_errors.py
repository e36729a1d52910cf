"""Errors as the API's JSON bodies, and strict request-body parsing."""

import json

import flask
from werkzeug.exceptions import HTTPException

from libstore.errors import HTTP_STATUS, PayloadTooLargeError, StoreError, ValidationError

MAX_BODY_BYTES = 1024 * 1024

_HTTP_CODES = {
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


def error_response(status, code, message, field=None, headers=None):
    body = {"error": {"code": code, "message": message, "field": field}}
    response = flask.jsonify(body)
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _store_error(error):
    status = HTTP_STATUS.get(error.code, 500)
    headers = {}
    if error.code == "rate_limited" and error.retry_after:
        headers["Retry-After"] = str(error.retry_after)
    return error_response(status, error.code, error.message, error.field, headers)


def _http_error(error):
    code = _HTTP_CODES.get(error.code, "internal" if error.code >= 500 else "invalid_argument")
    response = error_response(error.code, code, error.description)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected_error(error):
    flask.current_app.logger.exception("unhandled error", exc_info=error)
    return error_response(500, "internal", "internal error")


def register_error_handlers(blueprint):
    blueprint.app_errorhandler(StoreError)(_store_error)
    blueprint.app_errorhandler(HTTPException)(_http_error)
    blueprint.app_errorhandler(Exception)(_unexpected_error)


def json_body(required=True):
    """The request body as a dict: valid UTF-8 JSON holding an object, at most 1 MiB.

    An absent body is ``{}`` unless ``required``.
    """
    data = flask.request.get_data(cache=True)
    if len(data) > MAX_BODY_BYTES:
        raise PayloadTooLargeError("request body is larger than 1 MiB")
    if not data.strip():
        if required:
            raise ValidationError("request body must be a JSON object")
        return {}
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationError("request body is not valid JSON: %s" % error) from None
    except RecursionError:
        # Python's parser gives up on deep nesting ([[[[...) before the library could refuse it.
        raise ValidationError("request body is nested too deeply") from None
    if not isinstance(document, dict):
        raise ValidationError("request body must be a JSON object")
    return document


def _reject_constant(name):
    raise ValueError("%s is not valid JSON" % name)
