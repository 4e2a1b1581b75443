"""The store's files on disk: reading, locking, writing with a backup, and
moving an unreadable file aside.

Next to ``highlights.json`` live ``highlights.json.lock`` (the filelock that
serialises writers across processes; readers need none, because the file is
only ever replaced by an atomic rename), ``highlights.json.bak`` (the
previous version) and, after trouble, ``highlights.json.corrupt-<time>``
(a file that could not be parsed) or ``highlights.json.unreadable-<time>``
(a copy of a file some of whose records could not be read and were dropped).
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

from reader.fsutil import atomic_write_text
from reader.paths import data_dir

LOCK_TIMEOUT = 10.0  # seconds; a writer holds the lock for milliseconds


def default_store_path() -> Path:
    """READER_STORE if set, else highlights.json in the user data folder."""
    override = os.environ.get("READER_STORE")
    return Path(override).expanduser() if override else data_dir() / "highlights.json"


def lock_for(path: Path) -> FileLock:
    """The store's lock; creating its folder (and so the store's) if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None if there is none.  Other OSErrors propagate:
    a file that exists but cannot be read must not be overwritten."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def set_aside(path: Path, kind: str, *, move: bool) -> Path:
    """Move (or copy) ``path`` to ``<name>.<kind>-<UTC time>`` beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{kind}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{kind}-{stamp}-{n}")
    if move:
        os.replace(path, target)
    else:
        shutil.copy2(path, target)
    return target


def write(path: Path, text: str, previous: bytes | None) -> None:
    """Replace the store with ``text``, keeping ``previous`` as the backup.
    Call with the lock held."""
    _remove_stale_temporaries(path)
    if previous is not None:
        atomic_write_text(backup_path(path), previous.decode("utf-8"))
    atomic_write_text(path, text)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of writers killed mid-write.  Every writer holds the
    lock, so with the lock held no temporary file is in use."""
    prefixes = tuple(f".{name}." for name in (path.name, backup_path(path).name))
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefixes) and name.endswith(".tmp"):
            try:
                (path.parent / name).unlink()
            except OSError:
                pass
