"""The store shared by processes: killed writers and concurrent writers
never lose an acknowledged highlight."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.load import load_document
from reader.store import Store
from reader.store.schema import parse

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork-based tools are POSIX")

# Adds highlights in a loop, saving each, and prints "ACK id" once the save
# has returned (the file is fsynced by then).  count < 0: until killed.
WORKER = r"""
import sys, time
from reader.load import load_document
from reader.store import Store

store_path, doc_path, label, count, start_at = sys.argv[1:6]
document = load_document(doc_path)
store = Store.open(store_path)
for warning in store.warnings:
    print("WARN", warning, flush=True)
while time.time() < float(start_at):
    time.sleep(0.001)
i, n = 0, len(document.text)
while int(count) < 0 or i < int(count):
    start = (i * 7) % (n - 10)
    highlight = store.add(document, start, start + 5, note=f"{label}-{i}")
    error = store.save()
    if error:
        print("ERROR", error, flush=True)
        sys.exit(1)
    print("ACK", highlight.id, flush=True)
    i += 1
"""


@pytest.fixture(autouse=True)
def no_store_override(monkeypatch):
    monkeypatch.delenv("READER_STORE", raising=False)


@pytest.fixture
def transcript(tmp_path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(
        "Anna: Wie fing es an?\n\nKevin Scott: Mit einem Supercomputer, ganz klein.\n" * 5, encoding="utf-8"
    )
    return path


def worker(store: Path, transcript: Path, label: str, count: int, start_at: float = 0.0) -> subprocess.Popen:
    args = [sys.executable, "-c", WORKER, str(store), str(transcript), label, str(count), str(start_at)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def acknowledged(output: bytes) -> list[str]:
    lines = output.splitlines(keepends=True)
    return [line.split()[1].decode() for line in lines if line.startswith(b"ACK ") and line.endswith(b"\n")]


def test_sigkill_at_random_moments_loses_no_acknowledged_highlight(tmp_path, transcript):
    store = tmp_path / "store.json"
    # A store of some size, so that a write takes long enough for a kill to
    # land inside it (a non-atomic writer is caught in about a third of the rounds).
    prefill = Store.open(store)
    document = load_document(transcript)
    for i in range(300):
        prefill.add(document, i % 100, i % 100 + 5)
    assert prefill.save() is None
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    acked: list[str] = []
    for _ in range(8):
        process = worker(store, transcript, "kill", -1)
        first = process.stdout.readline()  # started and saved once: now kill it mid-loop
        assert first.startswith(b"ACK"), (first, process.stderr.read())
        time.sleep(rng.uniform(0, 0.04))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=10)
        acked += acknowledged(first + rest)
        assert b"WARN" not in rest, rest
        on_disk = parse(store.read_bytes())  # always a whole, parseable file
        missing = set(acked) - set(on_disk.highlights)
        assert not missing, f"seed {seed}: acknowledged but lost: {missing}"
    assert len(acked) >= 8
    parse((tmp_path / "store.json.bak").read_bytes())
    # A writer killed mid-write may leave a temporary file; the next save
    # (holding the lock) clears it away.
    survivor = Store.open(store)
    survivor.update(acked[0], note="after the kills")
    assert survivor.save() is None
    assert not list(tmp_path.glob(".store.json*.tmp"))


def test_two_processes_adding_at_once_lose_nothing(tmp_path, transcript):
    store = tmp_path / "store.json"
    count = 25
    start_at = time.time() + 0.6  # both are past their imports by then
    processes = [worker(store, transcript, label, count, start_at) for label in ("a", "b")]
    outputs = [p.communicate(timeout=60) for p in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode == 0, err.decode()
        assert len(acknowledged(out)) == count
    highlights = Store.open(store).highlights()
    assert len(highlights) == 2 * count
    assert {h.note for h in highlights} == {f"{label}-{i}" for label in "ab" for i in range(count)}
