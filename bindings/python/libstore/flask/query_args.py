"""The query string as the library's query dict: each parameter a string, given once."""

import flask

from libstore.errors import ValidationError


def query_args():
    """``request.args`` as ``{name: value}``.

    A parameter given twice (``?sort=name&sort=-price``) is refused with a ValidationError
    naming it: silently picking one of the values would answer a question nobody asked.
    """
    args = flask.request.args
    query = {}
    for name in args:
        values = args.getlist(name)
        if len(values) > 1:
            raise ValidationError("query parameter %r is given more than once" % name,
                                  field=name)
        query[name] = values[0]
    return query
