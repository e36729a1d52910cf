"""store-admin: bootstrapping the first admin, recovery and migration from the command line."""

import os
import subprocess

import pytest

import libstore
from conftest import open_store

TOOL = os.path.join(os.environ.get("LIBSTORE_BUILD_DIR", "build"), "bin", "store-admin")


def run_tool(test_database, *args, password="admin-password-1"):
    env = dict(os.environ, MONGODB_URI=test_database.uri, LIBSTORE_DB=test_database.database,
               LIBSTORE_PASSWORD_COST="minimum")
    return subprocess.run([TOOL, *args], input=(password + "\n").encode(), env=env,
                          capture_output=True, timeout=60)


@pytest.fixture
def clean(test_database):
    test_database.reset()
    return test_database


def test_creates_an_admin_who_can_log_in(clean):
    result = run_tool(clean, "create-admin", "--username", "root", "--email", "root@example.com")
    assert result.returncode == 0, result.stderr
    assert b'"role":"admin"' in result.stdout
    store = open_store(clean)
    session = store.session(store.login(username="root", password="admin-password-1")["access_token"])
    assert session.me()["role"] == "admin"


def test_existing_admin_is_a_conflict(clean):
    args = ("create-admin", "--username", "root", "--email", "root@example.com")
    assert run_tool(clean, *args).returncode == 0
    result = run_tool(clean, *args)
    assert result.returncode == 3
    assert b"conflict" in result.stderr


def test_bad_input_is_reported_not_crashed(clean):
    result = run_tool(clean, "create-admin", "--username", "root", "--email", "nope")
    assert result.returncode == 1
    assert b"email" in result.stderr
    result = run_tool(clean, "create-admin", "--username", "root", "--email", "r@example.com",
                      password="short")
    assert result.returncode == 1
    assert b"password" in result.stderr
    assert run_tool(clean, "frobnicate").returncode == 2
    assert run_tool(clean, "create-admin", "--username").returncode == 2
    assert run_tool(clean, "--help").returncode == 0


def test_password_comes_only_from_stdin(clean):
    result = run_tool(clean, "create-admin", "--username", "root", "--email", "r@example.com",
                      password="")
    assert result.returncode != 0
    with pytest.raises(libstore.UnauthenticatedError):
        open_store(clean).login(username="root", password="any-password")


def test_recover_prints_its_report(clean):
    result = run_tool(clean, "recover")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        b'{"orders_rolled_back":0,"cancellations_completed":0,"marks_cleared":0,'
        b'"audit_entries_committed":0,"audit_entries_dropped":0,"images_removed":0,'
        b'"events_relayed":0}')


def test_migrate_rewrites_products_written_before_variants_once(clean):
    db = clean.client()[clean.database]
    db.products.insert_one({"name": "Old", "name_lower": "old", "price_cents": 500, "stock": 2,
                            "in_stock": True, "sizes": [], "attributes": []})
    result = run_tool(clean, "migrate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        b'{"products_upgraded":1,"carts_upgraded":0,"orders_upgraded":0}')
    stored = db.products.find_one({"name": "Old"})
    assert stored["variants"][0]["_id"] == stored["_id"] and stored["variants"][0]["stock"] == 2
    again = run_tool(clean, "migrate")
    assert again.returncode == 0 and b'"products_upgraded":0' in again.stdout
    assert run_tool(clean, "migrate", "--frobnicate").returncode == 2
