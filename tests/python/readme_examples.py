"""The README's examples, for the tests that run them (tests/python, tests/packaging): the code
blocks as written, the environment they read, and what the Python example must print."""

import os
import re


def readme_block(source_dir, language, index=0):
    """The index-th ```language block of source_dir's README.md."""
    with open(os.path.join(source_dir, "README.md"), encoding="utf-8") as readme:
        blocks = re.findall(r"```%s\n(.*?)```" % language, readme.read(), re.S)
    return blocks[index]


def example_env(test_database, secret):
    """os.environ plus what the examples read: MONGODB_URI, LIBSTORE_DB, LIBSTORE_SECRET."""
    return dict(os.environ, MONGODB_URI=test_database.uri, LIBSTORE_DB=test_database.database,
                LIBSTORE_SECRET=secret)


def check_python_example_output(stdout):
    """The first Python example prints what its comments say: the order, then the conflict."""
    lines = stdout.splitlines()
    assert lines[0] == "placed 79.8", stdout
    assert lines[1].startswith("conflict quantity "), stdout
