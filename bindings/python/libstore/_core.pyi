"""Type stubs for libstore's compiled core."""

from typing import Any, Callable, Mapping, Sequence

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
        transactions: str = "auto",
        refresh_token_lifetime: int = 2592000,
        mail: Callable[[dict[str, Any]], object] | None = None,
        rate_limit_per_minute: int = 60,
        trusted_proxies: str | None = None,
        guest_cart_lifetime: int = 2592000,
        webhook_allow_private: bool = False,
        webhook_timeout_ms: int = 10000,
        webhook_retry_initial_ms: int = 1000,
        webhook_retry_max_ms: int = 3600000,
        webhook_give_up_ms: int = 86400000,
        webhook_lease_ms: int = 60000,
        password_hash_concurrency: int = 0,
        password_hash_wait_ms: int = 1000,
    ) -> None: ...
    def start_recoverer(self, interval: float = 30.0, min_age: float = 60.0,
                        log_errors: bool = True) -> Recoverer:
        """Run recover(min_age) every interval seconds on a native thread; stop() it when done."""
        ...
    def start_deliverer(self, idle_interval: float = 1.0, log_errors: bool = True) -> Deliverer:
        """Start delivering webhooks in the background (a native thread); stop() it when done."""
        ...
    def ping(self) -> None:
        """One round trip to the database; raises UnavailableError when unreachable."""
    def stats(self) -> dict[str, Any]:
        """Commands sent so far (by name), failures, retries, transactions, pool waits, and
        password hashing's limit, in_use, waiting and refused."""
    @property
    def database(self) -> str: ...
    def deliver(self) -> dict[str, Any]:
        """One webhook delivery sweep: {dispatched, attempted, delivered, retried, failed,
        next_due_in_ms (None when nothing waits)}. Safe from many threads and processes."""

    # Catalog (public reads)
    def list_categories(
        self, query: Mapping[str, Any] | None = None, /, *, limit: int | str = 20,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """{"items": [category...], "next_cursor"}: categories sorted by name, any case."""
    def get_category(self, category_id: str) -> dict[str, Any]:
        """{id, name, description, created_at, updated_at}; NotFoundError for unknown ids."""
    def list_products(
        self, query: Mapping[str, Any] | None = None, /, *, session: Session | None = None,
        **query_parameters: Any,
    ) -> dict[str, Any]:
        """{"items": [product...], "next_cursor"}. Parameters: category, q, min_price, max_price,
        size, sort, limit, cursor, include_hidden (admins), "attr.<key>" (in the dict)."""
    def product_facets(
        self, query: Mapping[str, Any] | None = None, /, *, session: Session | None = None,
        **filters: Any,
    ) -> dict[str, Any]:
        """{"total", "categories": [{id, name, count}], "options": {name: [{value, count}]},
        "attributes": {key: [{value, count}]}, "price": {"min", "max"}} over the visible
        products matching the list_products() filters (sort, limit, cursor ignored)."""
    # Accounts: each takes one dict of fields, keyword arguments, or both.
    def register(self, fields: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """Register a client -> user dict."""
    def create_admin(self, fields: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """Create an admin account (operator action) -> user dict."""
    def login(self, credentials: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """{username | email, password, cart_token?} -> {access_token, token_type, expires_in,
        refresh_token, refresh_expires_in}; a cart_token's guest cart is merged into the user's."""
    def refresh(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """{refresh_token} -> the login dict; the token presented is spent."""
    def request_password_reset(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> None:
        """{email}: mails a reset token to an active account with that address; same answer always."""
    def reset_password(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> None:
        """{token, password}: sets the password and ends every token of the account."""
    def verify_email(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """{token} -> user dict with email_verified True."""
    def session(self, access_token: str) -> Session:
        """A Session for an access token (signature and expiry checked now)."""
    def create_guest_cart(self) -> dict[str, Any]:
        """A new guest cart -> {cart_token, cart}; writes nothing until its first change."""
    def guest_session(self, cart_token: str) -> Session:
        """A Session for a guest cart token: cart methods only (others raise UnauthenticatedError)."""
    def rate_limit_hit(
        self, action: str, peer_address: str | None, forwarded_for: str | None = None
    ) -> None:
        """Count one request of action ("login", "register", "refresh", "password_reset") from
        the client the peer address (and, from a trusted proxy, X-Forwarded-For) names; raises
        RateLimitedError (retry_after) over the limit."""
    def events(self, after: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        """Up to `limit` (1..1000) events with ids above `after`, in id order (trusted
        consumers in this process; no caller is checked)."""
    def recover(self) -> dict[str, int]:
        """Roll back half-placed orders, finish half-done cancellations, settle audit entries,
        remove image files no product lists, relay events a crash left in outboxes."""
    def migrate(self) -> dict[str, int]:
        """Rewrite documents of an older shape (products before variants) in place; re-runnable."""
    def get_product(self, product_id: str, session: Session | None = None) -> dict[str, Any]:
        """A product; hidden ones raise NotFoundError unless the session is an admin's."""
    def get_image(self, image_id: str) -> dict[str, Any]:
        """{id, content_type, bytes, sha256, data: bytes}: an image and its bytes (public)."""

class Deliverer:
    """Webhooks delivered in the background, made by Store.start_deliverer()."""
    def stop(self) -> None:
        """Stop after the sweep in progress and wait for the thread; safe to repeat."""
        ...
    def __enter__(self) -> Deliverer: ...
    def __exit__(self, *args: Any) -> None: ...

class Recoverer:
    """Crash recovery in the background, made by Store.start_recoverer()."""
    def stop(self) -> None:
        """Stop after the sweep in progress and wait for the thread; safe to repeat."""
        ...
    def __enter__(self) -> Recoverer: ...
    def __exit__(self, *args: Any) -> None: ...

class Session:
    """An authenticated caller, made with Store.session(access_token)."""

    # Catalog: reads as this caller, writes for admins
    def list_products(
        self, query: Mapping[str, Any] | None = None, /, **query_parameters: Any
    ) -> dict[str, Any]: ...
    def get_product(self, product_id: str) -> dict[str, Any]: ...
    def product_facets(
        self, query: Mapping[str, Any] | None = None, /, **filters: Any
    ) -> dict[str, Any]: ...
    def create_category(
        self, fields: Mapping[str, Any] | None = None, /, *, name: str = ...,
        description: str | None = None,
    ) -> dict[str, Any]: ...
    def update_category(
        self, category_id: str, changes: Mapping[str, Any] | None = None, /, **fields: Any
    ) -> dict[str, Any]: ...
    def delete_category(self, category_id: str) -> None: ...
    def create_product(
        self, fields: Mapping[str, Any] | None = None, /, *, name: str = ...,
        price: float = ..., stock: int = ..., category_id: str | None = None,
        description: str | None = None, image_url: str | None = None,
        sizes: Sequence[str] | None = None, attributes: Mapping[str, str] | None = None,
        in_stock: bool = True,
    ) -> dict[str, Any]: ...
    def update_product(
        self, product_id: str, changes: Mapping[str, Any] | None = None, /, **fields: Any
    ) -> dict[str, Any]: ...
    def delete_product(self, product_id: str) -> None: ...
    def add_product_image(
        self, product_id: str, data: bytes | bytearray | memoryview, content_type: str
    ) -> dict[str, Any]:
        """Catalog managers: {id, url, content_type, bytes, sha256}. PNG, JPEG, WebP or GIF,
        at most 5 MiB, bytes matching the type."""
    def delete_product_image(self, product_id: str, image_id: str) -> None: ...
    def create_variant(self, product_id: str, body: dict[str, Any] | None = None, /, **fields: Any) -> dict[str, Any]: ...
    def update_variant(self, product_id: str, variant_id: str, body: dict[str, Any] | None = None, /, **changes: Any) -> dict[str, Any]: ...
    def delete_variant(self, product_id: str, variant_id: str) -> None: ...
    # Accounts
    @property
    def user_id(self) -> str: ...
    @property
    def role(self) -> str: ...
    def me(self) -> dict[str, Any]: ...
    def update_me(self, changes: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def delete_me(self) -> None: ...
    def logout(self) -> None: ...
    def request_email_verification(self) -> None:
        """Mails a verification token (kind "verify_email") to the caller's address."""
    def list_users(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def deactivate_user(self, user_id: str) -> dict[str, Any]: ...
    def activate_user(self, user_id: str) -> dict[str, Any]: ...
    def set_user_role(self, user_id: str, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """Admin: role='client'|'staff'|'admin', permissions=[...] (staff only)."""
    # Audit log (admin or view_audit)
    def audit(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    # Events feed (admin): the page GET /events answers
    def events(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """after=, limit= -> {"items": [{id, type, at, data}], "next_after"}."""
    # Cart
    def cart(self) -> dict[str, Any]: ...
    def add_to_cart(self, item: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def set_cart_quantity(self, product_id: str, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def remove_from_cart(self, product_id: str, variant_id: str | None = None) -> dict[str, Any]: ...
    def clear_cart(self) -> dict[str, Any]: ...
    def prune_cart(self) -> dict[str, Any]:
        """Drop every line with available=False (POST /cart/prune) -> cart."""
    def merge_cart(self, body: str | dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """Merge the guest cart of cart_token into the caller's cart -> the caller's cart."""
    # Orders
    def place_order(self, idempotency_key: str | None = None, *, return_created: bool = False) -> Any:
        """The order dict, or (order, created) with return_created=True. A cart that is not
        checkout_ready raises ConflictError (field "items") whose .details lists
        {product_id, variant_id, problem, available_quantity} per unavailable line."""
    def orders(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def get_order(self, order_id: str) -> dict[str, Any]: ...
    def order_status(self, order_id: str) -> dict[str, str]: ...
    def set_order_status(self, order_id: str, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def order_events(self, order_id: str) -> dict[str, Any]:
        """{"items": [{type, status_from, status_to, actor_id, at}]}, oldest first."""
    def cancel_order(self, order_id: str) -> dict[str, Any]: ...
    # Vouchers (catalog managers), and the cart's voucher
    def create_voucher(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def list_vouchers(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def get_voucher(self, voucher_id: str) -> dict[str, Any]: ...
    def update_voucher(self, voucher_id: str, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def delete_voucher(self, voucher_id: str) -> None: ...
    def apply_voucher(self, code: str | dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """The cart with the voucher on it (subtotal, voucher, discount, total_price)."""
    def remove_voucher(self) -> dict[str, Any]: ...

    # Webhooks (admins)
    def create_webhook(self, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """{id, url, events, active, created_at, updated_at, secret}: the secret only here."""
    def list_webhooks(self, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def get_webhook(self, webhook_id: str) -> dict[str, Any]: ...
    def update_webhook(self, webhook_id: str, body: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]: ...
    def delete_webhook(self, webhook_id: str) -> None: ...
    def webhook_deliveries(self, webhook_id: str, query: dict[str, Any] | None = None, /, **kwargs: Any) -> dict[str, Any]:
        """{"items": [{event_id, event_type, at, attempt, status_code, error, delivered,
        response_body}...], "next_cursor"}, newest first."""
