"""Type stubs for libstore's compiled core."""

def version() -> str:
    """The libstore library version as 'MAJOR.MINOR.PATCH'."""

class Store:
    """An open store over one MongoDB database. Thread-safe: make one per process and share it."""

    def __init__(
        self,
        uri: str,
        *,
        database: str = "libstore",
        secret: str,
        token_lifetime: int = 900,
        password_cost: str = "interactive",
        server_selection_timeout_ms: int = 5000,
    ) -> None: ...
    def ping(self) -> None:
        """One round trip to the database; raises UnavailableError when unreachable."""
    @property
    def database(self) -> str: ...
