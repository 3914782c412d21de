"""What went wrong with the sandbox file, in words a person can act on.

SQLite reports a read-only file, a full disk, a damaged page and a lock each as a short lowercase phrase;
without this they reached the client as "internal error" (or, for a new file on a full disk, as "locked by
another process"). ``storage_error`` turns the phrase into an error that names the file and the fix;
``check_integrity`` runs ``PRAGMA quick_check`` when the file is opened, so damage is found at start, not
by the first read that hits the bad page.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from faktoora_mcp.errors import BackendBusy, BackendUnavailable, FaktooraError, PolicyRefused

RESTORE = (
    "Restore it from a backup, or start with --sandbox-reset to replace it with fresh demo data "
    "(this deletes what it holds)."
)
NEW_FILE_GRACE_S = 5.0
"""An empty file younger than this is another process's new sandbox being created (it waits as long)."""
INTEGRITY_ROWS = 3
"""Problems quoted from quick_check: enough to recognise the damage, short enough for one message."""


class StorageError(BackendUnavailable):
    """The sandbox file cannot be used as it is: a person must fix the file, its disk or its permissions."""


def damaged(path: str, detail: str) -> StorageError:
    return StorageError(f"The sandbox database {path} is damaged ({detail}); nothing was changed. {RESTORE}")


def storage_error(path: str, exc: sqlite3.Error, *, opened_read_only: bool = False) -> FaktooraError | None:
    """The error to report for ``exc``, or ``None`` when it is none of the storage failures known here."""
    text = str(exc).lower()
    if opened_read_only and ("readonly" in text or "read-only" in text):
        return PolicyRefused(
            f"The sandbox database {path} was opened read-only (--read-only); nothing was changed. "
            "Restart without --read-only to allow writes."
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            f"The sandbox database {path} cannot be written: the file or its directory is read-only "
            "(permissions, or a read-only mount); nothing was changed. Make it writable, or start with --read-only "
            "to serve it without changes."
        )
    if "unable to open database file" in text:
        return StorageError(
            f"The sandbox database {path} cannot be opened for writing (its directory is read-only, e.g. a "
            "read-only mount, or it vanished); nothing was changed. Start with --read-only to serve it without "
            "changes, or pass --sandbox-db with a writable path."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            f"The disk holding the sandbox database {path} is full; nothing was changed. Free some space and "
            "retry; the data stored so far is intact."
        )
    if "malformed" in text or "corrupt" in text:
        return damaged(path, str(exc))
    if "disk i/o error" in text:
        return StorageError(
            f"The sandbox database {path} could not be read or written (disk I/O error); nothing was changed. "
            "Check the disk and the file system it is on, then retry."
        )
    if "locked" in text or "busy" in text:
        return BackendBusy(
            f"The sandbox database {path} is locked by another process ({exc}); nothing was changed and retrying "
            "is safe. If it stays locked, close the other faktoora-mcp or pass --sandbox-db with another file."
        )
    return None


def check_integrity(conn: sqlite3.Connection, path: str) -> None:
    """``PRAGMA quick_check``: a damaged file is refused when it is opened, naming the file and the fix."""
    try:
        rows = conn.execute(f"PRAGMA quick_check({INTEGRITY_ROWS})").fetchall()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from exc
    found = [str(row[0]) for row in rows]
    if found != ["ok"]:
        raise damaged(path, "; ".join(found))


def refuse_empty(path: str) -> None:
    """A 0-byte file is not a missing one: it was made or truncated by someone, and seeding over it would hide
    that. Only an absent file is seeded (or an empty one with --sandbox-reset, which deletes it first), and
    one made in the last ``NEW_FILE_GRACE_S``: another process opening the same new file creates it empty."""
    file = Path(path)
    if not file.is_file():
        return
    stat = file.stat()
    if stat.st_size == 0 and time.time() - stat.st_mtime > NEW_FILE_GRACE_S:
        raise StorageError(
            f"The sandbox database {path} is an empty file (0 bytes), so it was truncated or made by hand; "
            f"it is not seeded over. {RESTORE} To start a new sandbox, delete the empty file."
        )
