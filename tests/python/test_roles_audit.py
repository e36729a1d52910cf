"""Roles, staff permissions and the audit log through the Python package: the same rules as the
C ABI and HTTP, as Python values and exceptions."""

import pytest

import libstore

PASSWORD = "password-123"


def account(store, username, admin=False):
    body = dict(username=username, email=username + "@example.com", password=PASSWORD)
    user = store.create_admin(**body) if admin else store.register(**body)
    return user, store.session(store.login(username=username, password=PASSWORD)["access_token"])


def test_staff_get_exactly_their_permissions(store):
    _, root = account(store, "root", admin=True)
    ada_user, ada = account(store, "ada")
    changed = root.set_user_role(ada_user["id"], role="staff", permissions=["manage_catalog"])
    assert changed["role"] == "staff" and changed["permissions"] == ["manage_catalog"]
    with pytest.raises(libstore.UnauthenticatedError):
        ada.me()  # the token carried the old role
    ada = store.session(store.login(username="ada", password=PASSWORD)["access_token"])
    assert ada.role == "staff"
    category = ada.create_category(name="Lamps")
    with pytest.raises(libstore.ForbiddenError):
        ada.list_users()
    with pytest.raises(libstore.ForbiddenError):
        ada.audit()
    entries = root.audit(action="category.create")["items"]
    assert [(e["actor_id"], e["target_id"]) for e in entries] == [(ada_user["id"],
                                                                   category["id"])]


def test_role_rules_raise_the_documented_errors(store):
    root_user, root = account(store, "root", admin=True)
    ada_user, _ = account(store, "ada")
    with pytest.raises(libstore.ForbiddenError):
        root.set_user_role(root_user["id"], role="client")
    with pytest.raises(libstore.ValidationError) as raised:
        root.set_user_role(ada_user["id"], role="client", permissions=["view_audit"])
    assert raised.value.field == "permissions"
    with pytest.raises(libstore.ValidationError) as raised:
        root.set_user_role(ada_user["id"], {"role": "wizard"})
    assert raised.value.field == "role"
    with pytest.raises(libstore.NotFoundError):
        root.set_user_role("f" * 24, role="client")
    with pytest.raises(libstore.ValidationError) as raised:
        root.audit(cursor="!!")
    assert raised.value.field == "cursor"
    assert root.me()["permissions"] == ["manage_catalog", "manage_orders", "manage_users",
                                        "view_audit"]
