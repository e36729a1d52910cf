"""What a host is told by its operator: allowed CORS origins and the public cache lifetime."""

DEFAULT_CACHE_MAX_AGE = 30
MAX_CACHE_MAX_AGE = 31536000  # one year, the longest lifetime RFC 9111 caches need honour


class HostSettings:
    """``allowed_origins``: origins that get CORS headers (``"*"`` = any; empty = CORS off).
    ``cache_max_age``: seconds public catalog reads may be cached (None: the default, 30)."""

    __slots__ = ("allowed_origins", "cache_max_age")

    def __init__(self, allowed_origins=(), cache_max_age=None):
        if isinstance(allowed_origins, str):
            allowed_origins = allowed_origins.split(",")
        if cache_max_age is None:
            cache_max_age = DEFAULT_CACHE_MAX_AGE
        self.allowed_origins = tuple(o.strip() for o in allowed_origins if o and o.strip())
        if (isinstance(cache_max_age, bool) or not isinstance(cache_max_age, int)
                or not 0 <= cache_max_age <= MAX_CACHE_MAX_AGE):
            raise ValueError("cache_max_age must be an integer from 0 to %d, not %r"
                             % (MAX_CACHE_MAX_AGE, cache_max_age))
        self.cache_max_age = cache_max_age

    @classmethod
    def from_environ(cls, environ):
        """From LIBSTORE_ALLOWED_ORIGINS and LIBSTORE_CACHE_MAX_AGE; ValueError names a bad one."""
        text = environ.get("LIBSTORE_CACHE_MAX_AGE")
        max_age = DEFAULT_CACHE_MAX_AGE
        if text is not None:  # set but empty is a mistake too, not "use the default"
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_CACHE_MAX_AGE:
                raise ValueError("LIBSTORE_CACHE_MAX_AGE must be an integer from 0 to %d, not %r"
                                 % (MAX_CACHE_MAX_AGE, text))
            max_age = int(text)
        return cls(environ.get("LIBSTORE_ALLOWED_ORIGINS", ""), max_age)
