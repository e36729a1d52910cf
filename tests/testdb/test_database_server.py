"""The test-database fixture itself: both topologies, reset, and a restart that keeps the data."""

import os

import pymongo
import pytest

from database_server import URI_ENV, TestDatabase

pytestmark = pytest.mark.skipif(
    bool(os.environ.get(URI_ENV)),
    reason="%s is set: the fixture starts no server of its own to test" % URI_ENV)


@pytest.fixture(params=["replicaset", "standalone"])
def database(request):
    with TestDatabase.start(database="fixture_test",
                            standalone=request.param == "standalone") as started:
        yield started, request.param


def test_topology_is_what_was_asked(database):
    db, topology = database
    assert db.is_spawned and db.running
    assert db.supports_transactions() == (topology == "replicaset")


def test_reset_empties_collections_and_keeps_indexes(database):
    db, _ = database
    users = db.client()[db.database].users
    users.create_index("email", unique=True, name="email_unique")
    users.insert_many([{"email": "a@example.com"}, {"email": "b@example.com"}])
    db.reset()
    assert users.count_documents({}) == 0
    assert "email_unique" in users.index_information()
    users.insert_one({"email": "a@example.com"})
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        users.insert_one({"email": "a@example.com"})


def test_restart_keeps_port_data_and_indexes(database):
    db, _ = database
    port = db.port
    orders = db.client()[db.database].orders
    orders.create_index([("user_id", 1), ("idempotency_key", 1)], unique=True, name="idem")
    orders.insert_one({"_id": "kept", "user_id": "u", "idempotency_key": "k"})
    db.stop_server()
    assert not db.running
    with pytest.raises(pymongo.errors.PyMongoError):
        pymongo.MongoClient(db.uri, serverSelectionTimeoutMS=300).admin.command("ping")
    db.restart()
    assert db.port == port and db.running
    orders = db.client()[db.database].orders
    assert orders.find_one({"_id": "kept"})["idempotency_key"] == "k"
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        orders.insert_one({"user_id": "u", "idempotency_key": "k"})


def test_stop_removes_the_data_directory():
    db = TestDatabase.start(database="fixture_test")
    workdir = db._workdir
    assert os.path.isdir(workdir)
    db.stop()
    assert not db.running and not os.path.exists(workdir)
