"""The Postman collection of examples/postman, run by newman against every host.

The collection walks the whole shop as a user learns it (accounts, errors, catalog, cart,
orders, statuses, logout) with assertions on every request. It is run twice on one database,
as a user would run it again on their shop, so it must never depend on a clean database.
newman is pinned in tests/postman/package-lock.json; .ci/install-node-deps installs it.
"""

import json
import os
import re
import subprocess

import pytest

from conftest import contract_check
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, SOURCE_DIR

NEWMAN = os.path.join(SOURCE_DIR, "tests", "postman", "node_modules", ".bin", "newman")
POSTMAN_DIR = os.path.join(SOURCE_DIR, "examples", "postman")
COLLECTION = os.path.join(POSTMAN_DIR, "libstore.postman_collection.json")
ENVIRONMENT = os.path.join(POSTMAN_DIR, "libstore.postman_environment.json")
NEWMAN_TIMEOUT_S = 300


def requests_of(item, folder=""):
    """(folder/name, request item) of every request under ``item``, in run order."""
    for child in item["item"]:
        name = folder + "/" + child["name"] if folder else child["name"]
        if "item" in child:
            yield from requests_of(child, name)
        else:
            yield name, child


def load_collection():
    with open(COLLECTION, encoding="utf-8") as f:
        return json.load(f)


def failure_summary(report):
    """One line per failed assertion or request of a newman JSON report, "folder/request | test |
    message"."""
    paths = {item["id"]: name for name, item in requests_of(load_collection())}
    lines = []
    for failure in report["run"]["failures"]:
        error = failure.get("error", {})
        source = failure.get("source", {})
        where = paths.get(source.get("id"), source.get("name", "?"))
        test = error.get("test") or error.get("name", "error")
        lines.append("%s | %s | %s" % (where, test, error.get("message", "")))
    return lines


def run_newman(base_url, report_path):
    if not os.access(NEWMAN, os.X_OK):
        pytest.fail("newman is not installed (%s is missing): run .ci/install-node-deps" % NEWMAN)
    command = [
        NEWMAN, "run", COLLECTION, "--environment", ENVIRONMENT,
        "--env-var", "baseUrl=" + base_url,
        "--env-var", "adminUsername=" + ADMIN_USERNAME,
        "--env-var", "adminPassword=" + ADMIN_PASSWORD,
        "--reporters", "cli,json", "--reporter-json-export", report_path,
        "--color", "off", "--timeout-request", "30000",
    ]
    # --color off leaves the failure table coloured; FORCE_COLOR=0 plains it for the pytest log.
    env = dict(os.environ, FORCE_COLOR="0")
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=env, timeout=NEWMAN_TIMEOUT_S, check=False)
    output = completed.stdout.decode(errors="replace")
    if not os.path.exists(report_path):
        pytest.fail("newman wrote no report (exit %d):\n%s" % (completed.returncode, output))
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    return completed.returncode, report, output


def test_every_request_has_assertions_and_a_description():
    collection = load_collection()
    assert collection["info"]["description"]
    requests = list(requests_of(collection))
    assert len(requests) >= 40
    for folder in collection["item"]:
        assert folder.get("description"), folder["name"]
    for name, item in requests:
        assert item["request"].get("description"), name
        tests = [e for e in item.get("event", []) if e["listen"] == "test"]
        code = "\n".join(line for e in tests for line in e["script"]["exec"])
        assert "to.have.status(" in code, name
        assert code.count("pm.test(") >= 2, name


def test_the_environment_declares_every_variable_the_collection_uses():
    with open(COLLECTION, encoding="utf-8") as f:
        used = set(re.findall(r"\{\{([A-Za-z]\w*)\}\}", f.read()))
    used |= set(re.findall(r"pm\.environment\.set\('(\w+)'", json.dumps(load_collection())))
    with open(ENVIRONMENT, encoding="utf-8") as f:
        declared = {value["key"] for value in json.load(f)["values"]}
    assert {"baseUrl", "adminUsername", "adminPassword"} <= declared
    assert used - declared == set()
    assert declared - used == set()


@contract_check
def test_the_collection_passes_twice_on_one_database(host, admin, tmp_path):
    """``admin`` empties the database and creates the admin of hosts.py, as an operator would;
    the collection logs in as that admin itself."""
    base_url = "http://127.0.0.1:%d" % host.port
    expected_requests = len(list(requests_of(load_collection())))
    for run in (1, 2):
        status, report, output = run_newman(base_url, str(tmp_path / ("run%d.json" % run)))
        failures = failure_summary(report)
        stats = report["run"]["stats"]
        assert status == 0 and not failures, (
            "run %d against the %s host: %d of %d assertions failed\n%s\n\n%s" % (
                run, host.name, stats["assertions"]["failed"], stats["assertions"]["total"],
                "\n".join(failures), output))
        # A run that stopped early or skipped requests passes nothing: all of them ran.
        assert stats["requests"]["total"] == expected_requests, output
        assert stats["requests"]["failed"] == 0, output
        for execution in report["run"]["executions"]:
            own = [a for a in execution.get("assertions", [])
                   if not a["assertion"].startswith("[every answer]")]
            assert len(own) >= 2, (execution["item"]["name"], output)
