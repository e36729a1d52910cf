"""libstore: an embeddable online-store engine over MongoDB.

    import libstore
    store = libstore.Store("mongodb://127.0.0.1:27017", database="shop", secret=SECRET)
    store.ping()

See ``libstore.flask`` for a Flask blueprint serving the whole HTTP API over a Store.
"""

from libstore.errors import (
    ConflictError,
    ForbiddenError,
    InternalError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
    StoreError,
    UnauthenticatedError,
    UnavailableError,
    ValidationError,
)
from libstore._core import Deliverer, Recoverer, Store, version

__version__ = version()

__all__ = [
    "Store",
    "Deliverer",
    "Recoverer",
    "version",
    "StoreError",
    "ValidationError",
    "UnauthenticatedError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "RateLimitedError",
    "UnavailableError",
    "PayloadTooLargeError",
    "InternalError",
]
