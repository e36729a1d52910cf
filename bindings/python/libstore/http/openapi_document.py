"""The OpenAPI 3.1 document of the contract (``api/openapi.json`` of the repository), as
installed beside this module."""

import functools
import importlib.resources


@functools.lru_cache(maxsize=None)
def document_bytes():
    """The document's bytes, exactly as kept in the repository."""
    return importlib.resources.files("libstore.http").joinpath("openapi.json").read_bytes()
