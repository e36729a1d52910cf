"""Test-database helper for pytest conftest files and benchmarks.

    from standin import TestDatabase          # tests/testdb on sys.path
    db = TestDatabase.start()                 # or: with TestDatabase.start() as db:
    db.uri, db.database, db.is_standin, db.port
    db.reset()                                # delete all docs, keep indexes
    db.counters(); db.reset_counters()        # stand-in only
    db.restart()                              # outage tests: same port
    db.stop()

If LIBSTORE_TEST_MONGODB_URI is set, that server is used and nothing is
spawned (is_standin is False).  LIBSTORE_TEST_DATABASE overrides the
database name when start() is called without an explicit one.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
import time
import weakref

import pymongo

PYTHON = os.environ.get('LIBSTORE_TEST_PYTHON', '/usr/bin/python3')
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'mongo_standin.py')
URI_ENV = 'LIBSTORE_TEST_MONGODB_URI'
DB_ENV = 'LIBSTORE_TEST_DATABASE'
START_TIMEOUT = 10.0

_live = weakref.WeakSet()


@atexit.register
def _stop_all():
    for db in list(_live):
        try:
            db.stop()
        except Exception:
            pass


class StandinError(RuntimeError):
    pass


class TestDatabase(object):
    __test__ = False  # keep pytest from collecting this class

    def __init__(self, uri, database, port=None, is_standin=False):
        self._uri = uri
        self._database = database
        self._port = port
        self._is_standin = is_standin
        self._proc = None
        self._tmpdir = None
        self._client = None

    # -- construction ------------------------------------------------------

    @classmethod
    def start(cls, database=None):
        if database is None:
            database = os.environ.get(DB_ENV) or 'libstore_test'
        uri = os.environ.get(URI_ENV)
        if uri:
            return cls(uri, database, is_standin=False)
        db = cls(None, database, is_standin=True)
        db._spawn(0)
        _live.add(db)
        return db

    def _spawn(self, port):
        self._tmpdir = tempfile.mkdtemp(prefix='libstore-standin-')
        port_file = os.path.join(self._tmpdir, 'port')
        log_path = os.path.join(self._tmpdir, 'standin.log')
        log = open(log_path, 'wb')
        try:
            self._proc = subprocess.Popen(
                [PYTHON, SCRIPT, '--port', str(port), '--port-file', port_file],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                close_fds=True)
        finally:
            log.close()
        deadline = time.time() + START_TIMEOUT
        while True:
            if os.path.exists(port_file):
                with open(port_file) as f:
                    text = f.read().strip()
                if text:
                    self._port = int(text)
                    break
            if self._proc.poll() is not None or time.time() > deadline:
                with open(log_path, 'rb') as f:
                    output = f.read().decode('utf-8', 'replace')
                self._kill_proc()
                raise StandinError('mongo stand-in failed to start (exit %s):\n%s'
                                   % (self._proc.returncode if self._proc else None, output))
            time.sleep(0.02)
        self._uri = ('mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=2000'
                     '&connectTimeoutMS=2000' % self._port)

    def _kill_proc(self):
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        elif proc is not None:
            proc.wait()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    # -- properties --------------------------------------------------------

    @property
    def uri(self):
        return self._uri

    @property
    def database(self):
        return self._database

    @property
    def is_standin(self):
        return self._is_standin

    @property
    def port(self):
        return self._port

    @property
    def running(self):
        return self._proc is not None and self._proc.poll() is None

    # -- operations --------------------------------------------------------

    def client(self):
        """A shared pymongo client for helper operations (do not close it)."""
        if self._client is None:
            self._client = pymongo.MongoClient(self._uri, serverSelectionTimeoutMS=2000)
        return self._client

    def _close_client(self):
        if self._client is not None:
            self._client.close()
            self._client = None

    def reset(self):
        """Delete all documents in all collections of the test database,
        keeping collections and indexes; reset counters on the stand-in."""
        db = self.client()[self._database]
        for name in db.list_collection_names():
            if name.startswith('system.'):
                continue
            db[name].delete_many({})
        if self._is_standin:
            self.reset_counters()

    def counters(self):
        """{command name: count} since the last reset (stand-in only, else None)."""
        if not self._is_standin:
            return None
        return dict(self.client().admin.command('libstoreCounters')['counters'])

    def counter(self, name):
        c = self.counters()
        return None if c is None else c.get(name, 0)

    def reset_counters(self):
        if self._is_standin:
            self.client().admin.command('libstoreResetCounters')

    def stop(self):
        self._close_client()
        if self._is_standin:
            self._kill_proc()

    def restart(self):
        """Stop the stand-in and start it again on the same port (data is lost)."""
        if not self._is_standin:
            raise StandinError('restart() needs the stand-in (%s is set)' % URI_ENV)
        port = self._port
        self.stop()
        self._spawn(port)
        _live.add(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def __repr__(self):
        return 'TestDatabase(uri=%r, database=%r, is_standin=%r)' % (
            self._uri, self._database, self._is_standin)
