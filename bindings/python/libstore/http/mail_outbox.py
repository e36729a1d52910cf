"""The example hosts' mail hook: where the messages a Store wants sent go.

With LIBSTORE_MAIL_DIR set, each message is written there as one JSON file, exactly the message
object ``{"kind", "to", "token", "created_at"}``: written whole under a temporary name in that
directory, then renamed into place, so a reader never sees half a file. Names are unique:
``<created_at>-<kind>-<random>.json``. Without it, each message is printed to stderr as one line
(development). A real shop would hand them to its mail service instead.
"""

import json
import os
import secrets
import sys
import tempfile


def _file_name(message):
    # Colons are awkward in file names on some systems; the instant stays readable and sortable.
    stamp = str(message.get("created_at", "")).replace(":", "")
    return "%s-%s-%s.json" % (stamp, message.get("kind", "mail"), secrets.token_hex(8))


def write_to_directory(directory, message):
    """Writes `message` as one JSON file in `directory`; returns its path."""
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(message, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        path = os.path.join(directory, _file_name(message))
        os.replace(temporary, path)
        return path
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def print_to_stderr(message):
    print("mail: " + json.dumps(message, ensure_ascii=False), file=sys.stderr, flush=True)


def mail_hook_from_environ(environ=os.environ):
    """The callable to give ``Store(mail=...)``: LIBSTORE_MAIL_DIR's outbox, or stderr."""
    directory = environ.get("LIBSTORE_MAIL_DIR")
    if not directory:
        return print_to_stderr
    if not os.path.isdir(directory):
        sys.exit("LIBSTORE_MAIL_DIR is not a directory: %r" % directory)
    return lambda message: write_to_directory(directory, message)
