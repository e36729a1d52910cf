"""Running an HTTP host of libstore for the HTTP suite, and a small JSON client for it.

The suite talks real HTTP on loopback to a host process, so it can run unchanged against every
host that serves API.md.
"""

import http.client
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SOURCE_DIR = os.environ.get(
    "LIBSTORE_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD_DIR = os.environ.get("LIBSTORE_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
PYTHON = os.environ.get("LIBSTORE_TEST_PYTHON", sys.executable)
SECRET = "http-test-secret-0123456789abcdef0123456789abc"
ADMIN_USERNAME = "root_admin"
ADMIN_PASSWORD = "admin-password-123"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Headers(dict):
    """Response headers by name in any case, as HTTP has them (uvicorn sends lower case)."""

    def __init__(self, pairs):
        super().__init__()
        for name, value in pairs:
            key = name.lower()
            # A repeated header is one comma-separated list (RFC 9110 §5.3).
            self[key] = "%s, %s" % (self[key], value) if key in self else value

    def __getitem__(self, name):
        return super().__getitem__(name.lower())

    def __setitem__(self, name, value):
        super().__setitem__(name.lower(), value)

    def __contains__(self, name):
        return super().__contains__(name.lower())

    def get(self, name, default=None):
        return super().get(name.lower(), default)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        # Every (name, value) as sent, repeated names included.
        self.header_list = list(headers.items() if isinstance(headers, dict) else headers)
        self.headers = Headers(self.header_list)
        self.body = body
        # Images come back as their bytes; everything else the API answers is JSON.
        is_json = "json" in self.headers.get("Content-Type", "application/json")
        self.json = json.loads(body) if body and is_json else None

    def header(self, name):
        """The field `name`, case-insensitively, its repeated lines joined by ", " (RFC 9110
        section 5.3); None when absent."""
        return self.headers.get(name)

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.body[:200])


class Client:
    """JSON over HTTP/1.1 to one host; a new connection per request keeps it simple."""

    def __init__(self, port, token=None):
        self.port = port
        self.token = token

    def with_token(self, token):
        return Client(self.port, token)

    def request(self, method, path, body=None, raw=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = {}
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        payload = raw
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        try:
            try:
                connection.request(method, path, body=payload, headers=all_headers)
            except (BrokenPipeError, ConnectionResetError):
                # A host may answer an oversized body (413) and close before reading all of
                # it; its answer is still there to read.
                pass
            reply = connection.getresponse()
            return Response(reply.status, reply.getheaders(), reply.read())
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body=body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.request("PUT", path, body=body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request("PATCH", path, body=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


class FlaskHost:
    """examples/flask/app.py in a subprocess, configured through its environment variables."""

    name = "flask"
    start_timeout = 15.0
    stop_timeout = 10

    def command(self):
        return [PYTHON, os.path.join(SOURCE_DIR, "examples", "flask", "app.py")]

    def __init__(self, database, extra_env=None):
        """extra_env overrides the environment; a value of None removes that variable."""
        self.port = free_port()
        # Every host writes its mail (password reset, email verification) here, one JSON file
        # per message (LIBSTORE_MAIL_DIR); the tests read it with mails().
        self.mail_dir = tempfile.mkdtemp(prefix="libstore-mail-")
        env = dict(os.environ)
        env.update({
            "MONGODB_URI": database.uri,
            "LIBSTORE_DB": database.database,
            "LIBSTORE_SECRET": SECRET,
            "LIBSTORE_PASSWORD_COST": "minimum",
            "LIBSTORE_SERVER_SELECTION_TIMEOUT_MS": "1000",
            "LIBSTORE_TRANSACTIONS": database.transactions,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "LIBSTORE_ADMIN": "%s:%s" % (ADMIN_USERNAME, ADMIN_PASSWORD),
            # The suites log in and register from 127.0.0.1 far more than 60 times a minute;
            # test_rate_limits.py starts hosts of its own with a limit.
            "LIBSTORE_RATE_LIMIT_PER_MINUTE": "0",
            "LIBSTORE_MAIL_DIR": self.mail_dir,
            # Webhooks the suite creates must not be sent anywhere (their URLs are examples);
            # test_webhook_delivery.py starts delivering hosts of its own.
            "LIBSTORE_DELIVER": "0",
            # Suites that leave pending orders on purpose call recover themselves;
            # test_crash_recovery.py starts hosts that recover in the background.
            "LIBSTORE_RECOVER_INTERVAL": "0",
        })
        for name, value in (extra_env or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        # A file, not a pipe: nobody reads a pipe while the suite runs, and a host that logs
        # every request (Werkzeug does) would block once it filled.
        self.log = tempfile.TemporaryFile()
        self._env = env
        self.process = subprocess.Popen(
            self.command(), env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        self._wait_until_listening(self.start_timeout)

    def crash(self):
        """SIGKILLs the process: no orderly stop, as a power cut or the OOM killer would."""
        self.process.kill()
        self.process.wait()

    def restart(self):
        """After crash(): the same command again, on the same port and environment, at once (as
        systemd would)."""
        self.process = subprocess.Popen(
            self.command(), env=self._env, stdout=subprocess.DEVNULL, stderr=self.log)
        self._wait_until_listening(self.start_timeout)

    def _wait_until_listening(self, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                errors = self.log_text()
                self.log.close()
                raise RuntimeError("host exited with %s: %s" % (self.process.returncode, errors))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("host did not start listening within %.0f s" % timeout)

    def client(self):
        return Client(self.port)

    def log_text(self):
        """What the host wrote to stderr so far."""
        if self.log.closed:
            return ""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def mails(self):
        """The messages in the mail directory, oldest first, each the parsed JSON file (the
        temporary files of a write in progress are not messages)."""
        messages = []
        for name in sorted(os.listdir(self.mail_dir)):
            if name.endswith(".json") and not name.startswith("."):
                with open(os.path.join(self.mail_dir, name), encoding="utf-8") as handle:
                    messages.append((name, json.load(handle)))
        return [message for _, message in sorted(messages, key=lambda m: m[1]["created_at"])]

    def clear_mails(self):
        for name in os.listdir(self.mail_dir):
            os.unlink(os.path.join(self.mail_dir, name))

    def alive(self):
        return self.process.poll() is None

    def _terminate(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def stop(self):
        self._terminate()
        self.log.close()
        shutil.rmtree(self.mail_dir, ignore_errors=True)


class CHost(FlaskHost):
    """examples/httpd (build/bin/store-httpd) in a subprocess, with the Flask host's environment.

    LIBSTORE_TEST_HOST_WRAPPER (a command prefix, e.g. a valgrind invocation) runs it under a
    tool; the host must then still exit 0 when stopped, so the tool's verdict fails the suite.
    """

    name = "c"
    wrapper = shlex.split(os.environ.get("LIBSTORE_TEST_HOST_WRAPPER", ""))
    start_timeout = 120.0 if wrapper else 15.0
    stop_timeout = 120 if wrapper else 10

    def command(self):
        binary = os.environ.get("LIBSTORE_HTTPD",
                                os.path.join(BUILD_DIR, "bin", "store-httpd"))
        return self.wrapper + [binary]

    def stop(self):
        self._terminate()
        errors = self.log_text()
        self.log.close()
        shutil.rmtree(self.mail_dir, ignore_errors=True)
        # SIGTERM is the C host's orderly stop: anything but 0 is a crash, a hang, or the
        # wrapper's verdict (valgrind's --error-exitcode).
        if self.process.returncode != 0:
            raise RuntimeError("C host exited with %s:\n%s" % (self.process.returncode, errors))


class FastAPIHost(FlaskHost):
    """examples/fastapi/app.py (uvicorn) in a subprocess, with the Flask host's environment."""

    name = "fastapi"

    def command(self):
        return [PYTHON, os.path.join(SOURCE_DIR, "examples", "fastapi", "app.py")]


HOSTS = {"flask": FlaskHost, "c": CHost, "fastapi": FastAPIHost}


class GunicornHost(FlaskHost):
    """The README's production command for Flask: gunicorn, worker processes with threads."""

    name = "gunicorn"

    def command(self):
        return [os.path.join(os.path.dirname(PYTHON), "gunicorn"), "--workers", "2",
                "--threads", "4", "--bind", "127.0.0.1:%d" % self.port,
                "--chdir", os.path.join(SOURCE_DIR, "examples", "flask"), "app:create()"]


class UvicornWorkersHost(FlaskHost):
    """The README's production command for FastAPI: uvicorn with worker processes."""

    name = "uvicorn"

    def command(self):
        return [os.path.join(os.path.dirname(PYTHON), "uvicorn"), "--factory", "app:create",
                "--app-dir", os.path.join(SOURCE_DIR, "examples", "fastapi"),
                "--workers", "2", "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "warning", "--no-proxy-headers"]
