"""A webhook receiver on loopback for the delivery tests: records every request, answers 500 to
the first `failures` attempts of each delivery and 200 after, optionally taking `delay` seconds
per request, and counts how many requests of one delivery are in flight at once. An attempt whose
sender hung up before the answer went out is recorded with `answered` None."""

import hashlib
import hmac
import http.server
import json
import threading
import time


def signature_valid(secret, header, body):
    """Whether an X-Libstore-Signature header (t=<unix seconds>,v1=<hex>) signs `body` (bytes)
    with `secret`, as API.md says a receiver checks it."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if "t" not in parts or "v1" not in parts:
        return False
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


class Attempt:
    def __init__(self, started, headers, body, answered):
        self.started = started
        self.headers = headers
        self.body = body
        self.answered = answered
        self.event = json.loads(body)

    @property
    def delivery(self):
        return self.headers.get("X-Libstore-Delivery")


class WebhookReceiver:
    def __init__(self, failures=0, delay=0.0):
        self.failures = failures
        self.delay = delay
        self.attempts = []
        self.most_in_flight = {}
        self._in_flight = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self.hold = threading.Event()  # cleared: requests wait until it is set
        self.hold.set()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                started = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                delivery = self.headers.get("X-Libstore-Delivery")
                with receiver._lock:
                    count = receiver._in_flight.get(delivery, 0) + 1
                    receiver._in_flight[delivery] = count
                    receiver.most_in_flight[delivery] = max(
                        count, receiver.most_in_flight.get(delivery, 0))
                    earlier = sum(1 for a in receiver.attempts if a.delivery == delivery)
                try:
                    receiver.hold.wait()
                    if receiver.delay:
                        time.sleep(receiver.delay)
                    status = 500 if earlier < receiver.failures else 200
                    answered = None  # the sender hung up before the answer (it was killed)
                    try:
                        self.send_response(status)
                        self.send_header("Content-Length", "2")
                        self.end_headers()
                        self.wfile.write(b"ok")
                        self.wfile.flush()
                        answered = status
                    except OSError:
                        pass
                finally:
                    with receiver._lock:
                        receiver._in_flight[delivery] -= 1
                        receiver.attempts.append(
                            Attempt(started, dict(self.headers), body, answered))
                        receiver._changed.notify_all()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def accepted(self):
        """The attempts answered 200, by delivery id (the first of each)."""
        with self._lock:
            found = {}
            for attempt in self.attempts:
                if attempt.answered == 200:
                    found.setdefault(attempt.delivery, attempt)
            return found

    def attempts_of(self, delivery):
        with self._lock:
            return [a for a in self.attempts if a.delivery == delivery]

    def wait_for_accepted(self, count, timeout=60.0):
        """Waits until `count` distinct deliveries were accepted; returns them by id."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                accepted = {a.delivery for a in self.attempts if a.answered == 200}
                if len(accepted) >= count or time.monotonic() >= deadline:
                    break
                self._changed.wait(max(0.0, min(1.0, deadline - time.monotonic())))
        return self.accepted()

    def wait_for_requests(self, count, timeout=30.0):
        """Waits until `count` requests have arrived (answered or still held)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.attempts) + sum(self._in_flight.values()) >= count:
                    return True
            time.sleep(0.02)
        return False

    def stop(self):
        self.hold.set()
        self.server.shutdown()
        self.server.server_close()
