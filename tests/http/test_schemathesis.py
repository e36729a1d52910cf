"""Every host against api/openapi.json, by Schemathesis (select with `-k schemathesis`).

Each host gets four runs of the Schemathesis CLI, each over a freshly seeded shop (the account
of the document's examples, a category, a visible and a hidden product, a placed order, a cart
line for the client and for the admin):

- client: every operation but the three below, with a client's token;
- admin: the same operations with an admin's token, so the admin-only success paths run;
- anonymous: the operations open to anonymous callers, without a token: the answers that are
  cacheable, so their caching headers are held to the document too;
- fresh_account: POST /auth/logout, DELETE /users/me and PATCH /users/me, each test case with an
  account registered for it alone (schemathesis_fresh_account.py). These end the caller's own
  token (a new password does too), so they stay out of the client and admin runs, whose one
  token would answer 401 from their first success on. Deactivating accounts stays in the admin
  run: an admin cannot be deactivated (403), so the admin's token survives it.

A run fails on any failure of the checks in CHECKS; Schemathesis's report is the assertion
message. The seed is fixed and the example database off, so a run is reproducible; the
LIBSTORE_SCHEMATHESIS_SEED and LIBSTORE_SCHEMATHESIS_MAX_EXAMPLES variables search further (the
C host gets 30 cases per operation, the Python hosts 10: see HOST_EXAMPLES), and
LIBSTORE_SCHEMATHESIS_HAR_DIR keeps every exchange.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

from conftest import USER_PASSWORD, contract_check, login, register
from openapi_document import PATH as SCHEMA_PATH, document, operations

SCHEMATHESIS = os.environ.get(
    "LIBSTORE_SCHEMATHESIS", os.path.join(os.path.dirname(sys.executable), "schemathesis"))
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "response_headers_conformance")
SEED = int(os.environ.get("LIBSTORE_SCHEMATHESIS_SEED", "12"))
# Generated cases per operation. The C host gets the most: its HTTP code is its own, native code.
# The Flask and FastAPI hosts share libstore.http (routes, parsing, replies) and differ only in
# the framework glue, which a third of the cases reaches as well; their full share would triple
# the longest CI suite for little. LIBSTORE_SCHEMATHESIS_MAX_EXAMPLES sets every host's.
MAX_EXAMPLES = os.environ.get("LIBSTORE_SCHEMATHESIS_MAX_EXAMPLES")
HOST_EXAMPLES = {"c": 30, "flask": 10, "fastapi": 10}
# Without credentials Schemathesis signs up through POST /auth/register by itself; the anonymous
# run is meant to be anonymous.
CONFIG = "[auth]\nauto-signup = false\n"

ENDS_OWN_TOKEN = {"log_out", "delete_current_user", "update_current_user"}
ANONYMOUS = {"get_health", "get_openapi_document", "register_user", "log_in", "list_categories",
             "get_category", "list_products", "get_product", "product_facets", "get_image"}
IDENTITIES = ("client", "admin", "anonymous", "fresh_account")
SHOPPER = "schema_client"


def operation_ids():
    return {operation["operationId"] for operation in operations().values()}


def seed_shop(admin, shopper):
    example = document()["components"]["schemas"]["Registration"]["examples"][0]
    registered = admin.post("/auth/register", example)  # the document's login example logs in
    assert registered.status == 201, registered
    category = admin.post("/categories", {"name": "Books", "description": "Paper."})
    assert category.status == 201, category
    product = admin.post("/products", {
        "name": "Dune", "price": 19.99, "stock": 500, "category_id": category.json["id"],
        "description": "A desert planet.", "image_url": "https://example.com/dune.png",
        "sizes": ["paperback", "hardcover"], "attributes": {"author": "Frank Herbert"}})
    assert product.status == 201, product
    hidden = admin.post("/products", {"name": "Unreleased", "price": 5, "stock": 3,
                                      "in_stock": False, "category_id": category.json["id"]})
    assert hidden.status == 201, hidden
    line = {"product_id": product.json["id"], "quantity": 2}
    for caller in (shopper, admin):
        added = caller.post("/cart/items", line)
        assert added.status == 200, added
    order = shopper.post("/orders", headers={"Idempotency-Key": "seed-order"})
    assert order.status == 201, order
    added = shopper.post("/cart/items", line)
    assert added.status == 200, added


def selected_operations(identity):
    operations = operation_ids()
    if identity == "anonymous":
        return operations & ANONYMOUS
    if identity == "fresh_account":
        return operations & ENDS_OWN_TOKEN
    return operations - ENDS_OWN_TOKEN


def max_examples(host):
    return int(MAX_EXAMPLES) if MAX_EXAMPLES else HOST_EXAMPLES.get(host.name, 10)


def schemathesis_options(host):
    # A host under a tool (valgrind, a sanitizer) is slower: fewer generated cases per
    # operation, and more time for each request.
    if getattr(host, "wrapper", None):
        return ["--max-examples", str(min(max_examples(host), 10)), "--request-timeout", "60"], 900
    return ["--max-examples", str(max_examples(host)), "--request-timeout", "10"], 300


def condensed(output, width=1500):
    """The report with its longest lines cut: a reproduction's URL can run to megabytes."""
    return "\n".join(line if len(line) <= width else line[:width] + " [... %d more characters]"
                     % (len(line) - width) for line in output.splitlines())


@contract_check
@pytest.mark.parametrize("identity", IDENTITIES)
def test_schemathesis(identity, host, client, admin):
    register(client, SHOPPER)
    shopper = login(client, SHOPPER, USER_PASSWORD)
    seed_shop(admin, shopper)
    operations = selected_operations(identity)
    base_url = "http://127.0.0.1:%d" % host.port
    options, timeout = schemathesis_options(host)

    # Schemathesis is not under test: no sanitizer runtime preloaded into it (.ci/sanitizers).
    env = {name: value for name, value in os.environ.items()
           if name not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    if identity in ("client", "admin"):
        token = (shopper if identity == "client" else admin).token
        options += ["--header", "Authorization: Bearer " + token]
    elif identity == "fresh_account":
        env["SCHEMATHESIS_HOOKS"] = "schemathesis_fresh_account"
        env["LIBSTORE_SCHEMATHESIS_BASE_URL"] = base_url
        env["PYTHONPATH"] = os.pathsep.join(
            [os.path.dirname(os.path.abspath(__file__)), env.get("PYTHONPATH", "")])
    har_dir = os.environ.get("LIBSTORE_SCHEMATHESIS_HAR_DIR")
    reports = "json"
    if har_dir:
        reports = "json,har"
        options += ["--report-har-path",
                    os.path.join(os.path.abspath(har_dir), "%s-%s.har" % (host.name, identity))]
    for operation_id in sorted(operations):
        options += ["--include-operation-id", operation_id]

    with tempfile.TemporaryDirectory() as scratch:
        config_path = os.path.join(scratch, "schemathesis.toml")
        report_path = os.path.join(scratch, "report.json")
        with open(config_path, "w", encoding="utf-8") as config:
            config.write(CONFIG)
        command = [SCHEMATHESIS, "--config-file", config_path, "run", SCHEMA_PATH, "--url", base_url,
                   "--checks", ",".join(CHECKS), "--seed", str(SEED),
                   "--generation-database", "none", "--workers", "1", "--no-color",
                   "--report", reports, "--report-json-path", report_path] + options
        started = time.monotonic()
        run = subprocess.run(command, env=env, cwd=scratch, capture_output=True, text=True,
                             timeout=timeout)
        elapsed = time.monotonic() - started
        report = None
        if os.path.exists(report_path):
            with open(report_path, encoding="utf-8") as report_file:
                report = json.load(report_file)

    shown = "the %s run on the %s host (%.0f s):\n%s" % (
        identity, host.name, elapsed, condensed(run.stdout + run.stderr))
    print("schemathesis: %s run on the %s host in %.1f s, %s test cases:\n%s" % (
        identity, host.name, elapsed, report and report["test_cases"]["generated"],
        " ".join(part if not part.startswith("Authorization:") else "'Authorization: Bearer …'"
                 for part in command)))
    assert run.returncode == 0, shown
    assert report is not None, shown
    # A run that tested less than it selected (a phase error, a skipped operation) proves less.
    assert report["operations"]["selected"] == len(operations), shown
    assert report["operations"]["tested"] == len(operations), shown
    assert host.alive(), shown
