"""The repository's OpenAPI document (api/openapi.json), as the HTTP tests read it: its bytes,
its JSON, its operations and each path's methods in the order Allow lists them."""

import json
import os
import re

from hosts import SOURCE_DIR

PATH = os.path.join(SOURCE_DIR, "api", "openapi.json")
# The operations' keys in a path item, in the order Allow and Access-Control-Allow-Methods
# list them.
METHODS = ("get", "post", "put", "patch", "delete")


def document_bytes():
    with open(PATH, "rb") as source:
        return source.read()


def document():
    return json.loads(document_bytes())


def operations(spec=None):
    """{(path, method): operation} for every operation of the document."""
    spec = spec or document()
    return {(path, method): operation for path, item in spec["paths"].items()
            for method, operation in item.items() if method in METHODS}


def path_methods(spec=None):
    """{path template: "GET, PATCH, DELETE"}: each path's methods, in Allow's order."""
    spec = spec or document()
    return {path: ", ".join(m.upper() for m in METHODS if m in item)
            for path, item in spec["paths"].items()}


def concrete(path, some_id):
    """The path template with every {parameter} replaced by ``some_id``."""
    return re.sub(r"\{[^}]+\}", some_id, path)
