"""Accounts through the Python package: dicts in and out, the exception tree, sessions."""

import threading

import pytest

import libstore

PASSWORD = "password-123"


def register(store, username, admin=False, **extra):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    fields.update(extra)
    return store.create_admin(**fields) if admin else store.register(**fields)


def session_for(store, username, password=PASSWORD):
    token = store.login(username=username, password=password)
    return store.session(token["access_token"])


def test_register_accepts_a_dict_or_keywords(store):
    user = store.register({"username": "ada", "email": "ada@example.com", "password": PASSWORD})
    assert user["username"] == "ada"
    assert user["role"] == "client"
    assert user["is_active"] is True
    assert set(user) == {"id", "username", "email", "name", "phone", "address", "role",
                         "permissions", "is_active", "email_verified", "created_at"}
    other = register(store, "bob", name="Bob")
    assert other["name"] == "Bob"
    assert other["created_at"].endswith("Z")


@pytest.mark.parametrize("fields, field", [
    ({"username": "ab"}, "username"),
    ({"email": "not-an-email"}, "email"),
    ({"password": "short"}, "password"),
    ({"role": "admin"}, "role"),
    ({"is_active": False}, "is_active"),
    ({"username": {"$ne": None}}, "username"),
    ({"password": 12345678}, "password"),
])
def test_register_rejects_bad_fields_by_name(store, fields, field):
    body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
    body.update(fields)
    with pytest.raises(libstore.ValidationError) as caught:
        store.register(body)
    assert caught.value.field == field


def test_unsupported_python_types_are_validation_errors(store):
    with pytest.raises(libstore.ValidationError):
        store.register(username={"a", "b"}, email="a@b.co", password=PASSWORD)
    with pytest.raises(TypeError):
        store.register("not a dict")


def test_duplicates_are_conflicts(store):
    register(store, "Ada")
    with pytest.raises(libstore.ConflictError) as caught:
        store.register(username="ADA", email="x@example.com", password=PASSWORD)
    assert caught.value.field == "username"
    assert caught.value.code == "conflict"


def test_login_and_session(store):
    register(store, "ada")
    token = store.login(username="ada", password=PASSWORD)
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 900
    session = store.session(token["access_token"])
    assert session.role == "client"
    assert session.me()["username"] == "ada"
    assert session.user_id == session.me()["id"]
    by_email = store.login(email="ADA@example.com", password=PASSWORD)
    assert by_email["access_token"]


def test_wrong_credentials_and_lockout(store):
    register(store, "ada")
    for _ in range(5):
        with pytest.raises(libstore.UnauthenticatedError):
            store.login(username="ada", password="wrong-password")
    with pytest.raises(libstore.RateLimitedError) as caught:
        store.login(username="ada", password=PASSWORD)
    assert 0 < caught.value.retry_after <= 900


def test_unknown_user_gets_the_same_answer(store):
    register(store, "ada")
    with pytest.raises(libstore.UnauthenticatedError) as known:
        store.login(username="ada", password="wrong-password")
    with pytest.raises(libstore.UnauthenticatedError) as unknown:
        store.login(username="nobody", password="wrong-password")
    assert known.value.message == unknown.value.message


def test_bad_tokens(store):
    with pytest.raises(libstore.UnauthenticatedError):
        store.session("not-a-token")
    other = libstore.Store("mongodb://127.0.0.1:9", secret="another-secret-0123456789abcdef-xyz")
    register(store, "ada")
    token = store.login(username="ada", password=PASSWORD)["access_token"]
    with pytest.raises(libstore.UnauthenticatedError):
        other.session(token)


def test_logout_kills_the_token(store):
    register(store, "ada")
    session = session_for(store, "ada")
    session.logout()
    with pytest.raises(libstore.UnauthenticatedError):
        session.me()


def test_admin_user_management(store):
    register(store, "root", admin=True)
    ada = register(store, "ada")
    admin = session_for(store, "root")
    client = session_for(store, "ada")
    assert admin.role == "admin"
    with pytest.raises(libstore.ForbiddenError):
        client.list_users()
    page = admin.list_users(role="client")
    assert [user["username"] for user in page["items"]] == ["ada"]
    assert page["next_cursor"] is None
    assert admin.deactivate_user(ada["id"])["is_active"] is False
    with pytest.raises(libstore.ForbiddenError):
        client.me()
    with pytest.raises(libstore.ForbiddenError):
        session_for(store, "ada")
    with pytest.raises(libstore.ForbiddenError):
        admin.deactivate_user(admin.user_id)
    with pytest.raises(libstore.NotFoundError):
        admin.deactivate_user("123")
    assert admin.activate_user(ada["id"])["is_active"] is True
    assert session_for(store, "ada").me()["is_active"] is True


def test_profile_update_and_delete(store):
    register(store, "ada")
    register(store, "bob")
    session = session_for(store, "ada")
    assert session.update_me(phone="+1 555 0100")["phone"] == "+1 555 0100"
    with pytest.raises(libstore.ConflictError):
        session.update_me(email="bob@example.com")
    session.update_me(password="new-password-1")
    with pytest.raises(libstore.UnauthenticatedError):
        session.me()
    fresh = session_for(store, "ada", "new-password-1")
    fresh.delete_me()
    with pytest.raises(libstore.UnauthenticatedError):
        fresh.me()


def test_sessions_are_usable_from_many_threads(store):
    register(store, "ada")
    token = store.login(username="ada", password=PASSWORD)["access_token"]
    errors = []

    def work():
        try:
            session = store.session(token)
            for _ in range(5):
                assert session.me()["username"] == "ada"
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
