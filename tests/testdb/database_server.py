"""The test database for pytest suites and benchmarks: the Python twin of
tests/support/test_database.c, with the same environment variables.

    from database_server import TestDatabase  # tests/testdb on sys.path
    db = TestDatabase.start()                 # or: with TestDatabase.start() as db:
    db.uri, db.database, db.is_spawned, db.port, db.transactions
    db.reset()                                # delete all documents, keep indexes
    db.stop_server(); db.restart()            # outage tests: same port, same data
    db.restart(empty=True)                    # ... or the database comes back empty
    db.stop()

By default it starts SecantusDB (`python -m secantus` with this interpreter) on a free
127.0.0.1 port over a temporary data directory. LIBSTORE_TEST_MONGODB_URI uses that server
instead (is_spawned is False); LIBSTORE_TEST_DATABASE names the database;
LIBSTORE_TEST_TOPOLOGY=standalone starts SecantusDB with --standalone (no transactions), the
default "replicaset" as a one-node replica set; LIBSTORE_TEST_TRANSACTIONS (auto, always,
never) is the `transactions` option the suites open their stores with.
"""

import atexit
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref

import pymongo

URI_ENV = "LIBSTORE_TEST_MONGODB_URI"
DB_ENV = "LIBSTORE_TEST_DATABASE"
TOPOLOGY_ENV = "LIBSTORE_TEST_TOPOLOGY"
TRANSACTIONS_ENV = "LIBSTORE_TEST_TRANSACTIONS"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
LISTENING = re.compile(r"listening on 127\.0\.0\.1:(\d+)")

_live = weakref.WeakSet()


@atexit.register
def _stop_all():
    for db in list(_live):
        try:
            db.stop()
        except Exception:
            pass


class TestDatabaseError(RuntimeError):
    pass


def server_command(port, data_dir, standalone):
    """The command line that runs SecantusDB on 127.0.0.1:port over data_dir, with this
    interpreter."""
    command = [sys.executable, "-m", "secantus", "--host", "127.0.0.1",
               "--port", str(port), "--storage-path", data_dir, "--cache-size", "256M"]
    if standalone:
        command.append("--standalone")
    return command


def transactions_setting():
    value = os.environ.get(TRANSACTIONS_ENV) or "auto"
    if value not in ("auto", "always", "never"):
        raise TestDatabaseError("%s=%r: expected auto, always or never" % (TRANSACTIONS_ENV, value))
    return value


def standalone_setting():
    value = os.environ.get(TOPOLOGY_ENV) or "replicaset"
    if value not in ("replicaset", "standalone"):
        raise TestDatabaseError("%s=%r: expected replicaset or standalone" % (TOPOLOGY_ENV, value))
    return value == "standalone"


class TestDatabase:
    __test__ = False  # keep pytest from collecting this class

    def __init__(self, uri, database, is_spawned=False, standalone=False):
        self._uri = uri
        self._database = database
        self._is_spawned = is_spawned
        self._standalone = standalone
        self._transactions = transactions_setting()
        self._port = 0
        self._proc = None
        self._workdir = None
        self._client = None

    @classmethod
    def start(cls, database=None, standalone=None):
        if database is None:
            database = os.environ.get(DB_ENV) or "libstore_test"
        uri = os.environ.get(URI_ENV)
        if uri:
            return cls(uri, database)
        if standalone is None:
            standalone = standalone_setting()
        db = cls(None, database, is_spawned=True, standalone=standalone)
        db._workdir = tempfile.mkdtemp(prefix="libstore-testdb-")
        _live.add(db)
        db._spawn()
        return db

    def _spawn(self):
        log_path = os.path.join(self._workdir, "server.log")
        with open(log_path, "wb") as log:
            self._proc = subprocess.Popen(
                server_command(self._port, os.path.join(self._workdir, "data"), self._standalone),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, close_fds=True)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            with open(log_path, encoding="utf-8", errors="replace") as log:
                found = LISTENING.search(log.read())
            if found:
                self._port = int(found.group(1))
                break
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._kill_proc()
                with open(log_path, encoding="utf-8", errors="replace") as log:
                    raise TestDatabaseError("SecantusDB did not start; its output:\n" + log.read())
            time.sleep(0.02)
        self._uri = ("mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=2000"
                     "&connectTimeoutMS=2000" % self._port)
        while True:
            try:
                self.client().admin.command("ping")
                return
            except pymongo.errors.PyMongoError:
                self._close_client()
                if time.monotonic() > deadline:
                    self._kill_proc()
                    raise
                time.sleep(0.05)

    def _kill_proc(self):
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    @property
    def uri(self):
        return self._uri

    @property
    def database(self):
        return self._database

    @property
    def is_spawned(self):
        return self._is_spawned

    @property
    def port(self):
        return self._port

    @property
    def transactions(self):
        """The `transactions` option stores under test are opened with."""
        return self._transactions

    @property
    def running(self):
        return self._proc is not None and self._proc.poll() is None

    def client(self):
        """A shared pymongo client for helper operations (do not close it)."""
        if self._client is None:
            self._client = pymongo.MongoClient(self._uri, serverSelectionTimeoutMS=2000)
        return self._client

    def _close_client(self):
        if self._client is not None:
            self._client.close()
            self._client = None

    def supports_transactions(self):
        """True when the server answers as a replica set or mongos."""
        hello = self.client().admin.command("hello")
        return "setName" in hello or hello.get("msg") == "isdbgrid"

    def reset(self):
        """Delete every document of every collection of the test database, keeping
        collections and indexes."""
        db = self.client()[self._database]
        for name in db.list_collection_names():
            if not name.startswith("system."):
                db[name].delete_many({})

    def stop_server(self):
        """Outage tests: stop the spawned server, keeping its port and data directory."""
        if not self._is_spawned:
            raise TestDatabaseError("stop_server() needs a spawned server (%s is set)" % URI_ENV)
        self._close_client()
        self._kill_proc()

    def restart(self, empty=False):
        """Stop the server and start it again on the same port and data directory: everything
        written before is still there. With empty=True the data directory is wiped in between,
        as if the database came back restored from nothing."""
        self.stop_server()
        if empty:
            shutil.rmtree(os.path.join(self._workdir, "data"), ignore_errors=True)
        self._spawn()

    def stop(self):
        """Stop the server for good and remove its data directory."""
        self._close_client()
        if self._is_spawned:
            self._kill_proc()
            if self._workdir:
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir = None
        _live.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def __repr__(self):
        return "TestDatabase(uri=%r, database=%r, is_spawned=%r)" % (
            self._uri, self._database, self._is_spawned)


def main():
    """`python database_server.py --uri-file PATH`: for shell scripts. Starts the test database
    (or takes LIBSTORE_TEST_MONGODB_URI), writes its URI to PATH, and runs until SIGTERM or
    SIGINT, then stops it and removes its data."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--uri-file", required=True)
    arguments = parser.parse_args()
    stopping = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.append(True))
    with TestDatabase.start() as db:
        with open(arguments.uri_file + ".tmp", "w") as uri_file:
            uri_file.write(db.uri + "\n")
        os.rename(arguments.uri_file + ".tmp", arguments.uri_file)
        while not stopping:
            signal.pause()


if __name__ == "__main__":
    main()
