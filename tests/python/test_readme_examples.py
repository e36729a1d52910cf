"""The README's Python and C examples run as written (docs that lie are bugs)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from readme_examples import check_python_example_output, example_env as readme_env, readme_block

SOURCE_DIR = os.environ.get("LIBSTORE_SOURCE_DIR", ".")
BUILD_DIR = os.environ.get("LIBSTORE_BUILD_DIR", "build")
SECRET = "readme-example-secret-0123456789abcdef0123"


@pytest.fixture
def example_env(test_database):
    test_database.reset()
    env = readme_env(test_database, SECRET)
    env["PYTHONPATH"] = os.path.join(BUILD_DIR, "python")
    return env


def test_python_example(example_env, tmp_path):
    script = tmp_path / "shop.py"
    script.write_text(readme_block(SOURCE_DIR, "python"))
    result = subprocess.run([sys.executable, str(script)], env=example_env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    check_python_example_output(result.stdout)


def test_c_example(example_env, tmp_path):
    source = tmp_path / "grace.c"
    source.write_text(readme_block(SOURCE_DIR, "c"))
    program = tmp_path / "grace"
    library_dir = os.path.join(BUILD_DIR, "lib")
    subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", str(source), "-o",
                    str(program), "-I", os.path.join(SOURCE_DIR, "include"), "-L", library_dir,
                    "-Wl,-rpath," + os.path.abspath(library_dir), "-lstore"], check=True)
    result = subprocess.run([str(program)], env=example_env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('{"items":[]')


@pytest.mark.parametrize("block", [1, 2], ids=["flask", "fastapi"])
def test_serving_examples(example_env, tmp_path, block):
    """The README's "three more lines" serve the shop the first example filled."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    serving = readme_block(SOURCE_DIR, "python", block)
    assert "port=8000" in serving
    script = tmp_path / "serve.py"
    script.write_text(readme_block(SOURCE_DIR, "python") + serving.replace("port=8000", "port=%d" % port))
    server = subprocess.Popen([sys.executable, str(script)], env=example_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode()
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/products" % port,
                                            timeout=2) as reply:
                    products = json.load(reply)
                break
            except OSError:
                assert time.monotonic() < deadline, "the example did not start serving"
                time.sleep(0.1)
        assert [p["name"] for p in products["items"]] == ["SICP"]
    finally:
        server.terminate()
        server.wait(timeout=10)
