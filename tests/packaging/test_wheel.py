"""`pip install` works: the wheel built from this checkout (pyproject.toml, scikit-build-core)
holds the whole package and nothing else, and installed into a new virtual environment it
imports from outside the source tree and runs the README's Python example.

The wheel is built once per run, without build isolation, from this interpreter's environment
(.venv: the pinned, hash-checked scikit-build-core and pybind11), into a temporary directory
that also holds CMake's build directory and the new environment. It compiles the library at
-O3, which takes minutes."""

import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from database_server import TestDatabase
from readme_examples import check_python_example_output, example_env, readme_block

SOURCE_DIR = os.path.abspath(os.environ.get("LIBSTORE_SOURCE_DIR", "."))
PACKAGE_SOURCE = os.path.join(SOURCE_DIR, "bindings", "python", "libstore")
OPENAPI_DOCUMENT = os.path.join(SOURCE_DIR, "api", "openapi.json")
SECRET = "wheel-example-secret-0123456789abcdef0123456"
BUILD_TIMEOUT = 1800


def header_version():
    """MAJOR.MINOR.PATCH from include/libstore/version.h, read as CMake reads it."""
    with open(os.path.join(SOURCE_DIR, "include", "libstore", "version.h")) as header:
        parts = dict(re.findall(r"^#define STORE_VERSION_(MAJOR|MINOR|PATCH) (\d+)", header.read(),
                                re.M))
    return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])


def outside_env(**extra):
    """The environment without PYTHONPATH: only what is installed can be imported."""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    env.pop("PYTHONPATH", None)
    return env


def source_package_files():
    """What the install rules take from bindings/python/libstore, as paths inside the wheel."""
    files = set()
    for directory, subdirectories, names in os.walk(PACKAGE_SOURCE):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        for name in names:
            if name.endswith((".py", ".pyi")) or name == "py.typed":
                relative = os.path.relpath(os.path.join(directory, name), PACKAGE_SOURCE)
                files.add("libstore/" + relative.replace(os.sep, "/"))
    return files


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("wheel")


@pytest.fixture(scope="module")
def wheel(work):
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index",
         "--wheel-dir", str(dist), "--config-settings=build-dir=%s" % (work / "build"),
         SOURCE_DIR],
        env=outside_env(CMAKE_BUILD_PARALLEL_LEVEL="2"), cwd=str(work), check=True,
        timeout=BUILD_TIMEOUT)
    wheels = sorted(dist.glob("libstore-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def python(work, wheel):
    """The interpreter of a new virtual environment with the wheel installed (nothing else)."""
    environment = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], env=outside_env(),
                   check=True, timeout=300)
    interpreter = str(environment / "bin" / "python")
    subprocess.run([interpreter, "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                   env=outside_env(), cwd=str(work), check=True, timeout=300)
    return interpreter


def test_wheel_holds_the_package_and_nothing_else(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = [name for name in archive.namelist() if not name.endswith("/")]
    dist_info = "libstore-%s.dist-info/" % header_version()
    package = {name for name in names if not name.startswith(dist_info)}
    modules = {name for name in package if re.fullmatch(r"libstore/_core\..*\.so", name)}
    assert len(modules) == 1, sorted(package)
    assert package == source_package_files() | {"libstore/http/openapi.json"} | modules


def test_installed_package_imports_outside_the_source_tree(python, work):
    probe = """
import importlib.metadata, importlib.resources, json, libstore
package = importlib.resources.files("libstore")
print(json.dumps({
    "file": libstore.__file__,
    "version": libstore.__version__,
    "distribution": importlib.metadata.version("libstore"),
    "extras": importlib.metadata.metadata("libstore").get_all("Provides-Extra"),
    "stub": package.joinpath("_core.pyi").is_file(),
    "typed": package.joinpath("py.typed").is_file(),
    "openapi": package.joinpath("http", "openapi.json").read_text(encoding="utf-8"),
}))
"""
    result = subprocess.run([python, "-c", probe], env=outside_env(), cwd=str(work),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('platlib'))"],
        env=outside_env(), capture_output=True, text=True, check=True).stdout.strip()
    assert found["file"] == os.path.join(site_packages, "libstore", "__init__.py")
    assert found["version"] == header_version()
    assert found["distribution"] == header_version()
    assert set(found["extras"]) >= {"flask", "fastapi"}
    assert found["stub"] and found["typed"]
    with open(OPENAPI_DOCUMENT, encoding="utf-8") as document:
        assert found["openapi"] == document.read()


def test_readme_python_example_runs_from_the_installed_package(python, work):
    with TestDatabase.start() as database:
        database.reset()
        script = work / "shop.py"
        script.write_text(readme_block(SOURCE_DIR, "python"))
        env = example_env(database, SECRET)
        env.pop("PYTHONPATH", None)
        result = subprocess.run([python, str(script)], env=env, cwd=str(work),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    check_python_example_output(result.stdout)
