"""The request body and query string as the library takes them: strict, never a guess."""

import json

from libstore.errors import PayloadTooLargeError, ValidationError

MAX_BODY_BYTES = 1024 * 1024
# POST /products/{product_id}/images only: the body is the image itself.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# The most any route takes, for hosts whose framework caps every request alike.
LARGEST_BODY_BYTES = MAX_IMAGE_BYTES


def body_too_large(limit=MAX_BODY_BYTES):
    """The error for a body over ``limit`` bytes, whichever host noticed it."""
    return PayloadTooLargeError("request body is larger than %d MiB" % (limit // (1024 * 1024)))


def json_object(request, required=True):
    """The request body as a dict: valid UTF-8 JSON holding an object, at most 1 MiB.

    An absent body is ``{}`` unless ``required``.
    """
    data = request.read_body()
    if len(data) > MAX_BODY_BYTES:
        raise body_too_large()
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


def query_dict(request):
    """The query string as ``{name: value}``, each value a string for the library to parse.

    A parameter given twice (``?sort=name&sort=-price``) is refused with a ValidationError
    naming it: silently picking one of the values would answer a question nobody asked.
    """
    query = {}
    for name, value in request.query:
        if name in query:
            raise ValidationError("query parameter %r is given more than once" % name,
                                  field=name)
        query[name] = value
    return query
