"""A store that cannot be written keeps the old file intact, reports the
error and keeps the session's highlights in memory until a save succeeds.

The tests run as root in CI, where a read-only mode on a folder stops
nothing; so each uses a failure that holds for root too: a parent that is a
regular file, a full disk (RLIMIT_FSIZE, in a child process) and an
immutable folder (chattr +i, where the filesystem supports it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from reader.load import load_document
from reader.store import Store
from reader.store.schema import parse


@pytest.fixture(autouse=True)
def no_store_override(monkeypatch):
    monkeypatch.delenv("READER_STORE", raising=False)


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_text("Anna: Wie fing es an?\n\nKevin Scott: Mit einem Supercomputer.\n", encoding="utf-8")
    return load_document(path)


def test_parent_is_a_regular_file(tmp_path, document):
    blocker = tmp_path / "notes"
    blocker.write_text("a file where the store's folder should be", encoding="utf-8")
    store = Store.open(blocker / "highlights.json")
    highlight = store.add(document, 0, 4)
    error = store.save()
    assert error and "could not be saved" in error and "kept in memory" in error
    assert store.dirty and store.highlights() == [highlight]
    assert store.save() == error  # retried, still failing, never raising

    blocker.unlink()
    blocker.mkdir()
    assert store.save() is None and not store.dirty
    assert Store.open(blocker / "highlights.json").highlights() == [highlight]


DISK_FULL = r"""
import json, os, resource, signal, sys
from pathlib import Path
from reader.load import load_document
from reader.store import Store

path, document = Path(sys.argv[1]), load_document(sys.argv[2])
store = Store.open(path)
before = path.read_bytes()
highlight = store.add(document, 0, 4, note="x" * 5000)  # the new file is larger
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 200, hard))  # room for the backup only
error = store.save()
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
print(json.dumps({
    "error": error,
    "intact": path.read_bytes() == before,
    "kept": [h.id for h in store.highlights()].count(highlight.id) == 1 and store.dirty,
    "files": sorted(os.listdir(path.parent)),
    "retry": store.save(),
    "id": highlight.id,
}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_keeps_the_old_file(tmp_path, document):
    path = tmp_path / "store" / "highlights.json"
    first = Store.open(path)
    old = first.add(document, 5, 9)
    assert first.save() is None
    before = path.read_bytes()

    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(path), str(document.path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "could not be saved" in report["error"] and "File too large" in report["error"]
    assert report["intact"] and report["kept"]
    assert not [name for name in report["files"] if name.endswith(".tmp")]  # no half-written leftovers
    assert report["retry"] is None
    assert set(parse(path.read_bytes()).highlights) == {old.id, report["id"]}
    assert (path.parent / "highlights.json.bak").read_bytes() == before


@pytest.fixture
def immutable(tmp_path):
    """A folder that not even root can create files in (chattr +i)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    chattr = shutil.which("chattr")
    if not chattr:
        pytest.skip("chattr (e2fsprogs) is not installed")

    def lock(on: bool) -> None:
        subprocess.run([chattr, "+i" if on else "-i", str(folder)], check=True, capture_output=True)

    try:
        lock(True)
    except subprocess.CalledProcessError as error:
        pytest.skip(f"this filesystem or user cannot make folders immutable: {error.stderr.decode().strip()}")
    lock(False)
    yield folder, lock
    lock(False)


def test_immutable_folder(immutable, document):
    folder, lock = immutable
    path = folder / "highlights.json"
    store = Store.open(path)
    first = store.add(document, 0, 4)
    assert store.save() is None
    before = path.read_bytes()

    lock(True)
    second = store.add(document, 5, 9)
    error = store.save()
    assert error and "Operation not permitted" in error
    assert path.read_bytes() == before
    assert {h.id for h in store.highlights()} == {first.id, second.id}

    lock(False)
    assert store.save() is None
    assert {h.id for h in Store.open(path).highlights()} == {first.id, second.id}


def test_corrupt_store_in_an_immutable_folder_is_left_alone(immutable, document):
    folder, lock = immutable
    path = folder / "highlights.json"
    path.write_text("not json", encoding="utf-8")
    lock(True)
    store = Store.open(path)
    assert "nor moved aside" in store.warnings[0]
    store.add(document, 0, 4)
    assert store.save() is not None
    assert path.read_text(encoding="utf-8") == "not json"
    lock(False)
    assert store.save() is None  # now moved aside, and the highlight written
    assert len(list(folder.glob("highlights.json.corrupt-*"))) == 1
    assert len(Store.open(path).highlights()) == 1
