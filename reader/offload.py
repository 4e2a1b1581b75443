"""Parsing a big file in another process.

Threads share one interpreter lock: a 10 MB transcript parsed in a thread
(about 0.6 s of pure Python) halves the UI's share of the CPU meanwhile, and
paging through the preview doubles in latency.  A child process parses on
the other core instead; the parent only unpacks the result (~0.07 s for
42,000 blocks, against ~0.12 s for a plain pickle of the Document).

    document = parse_elsewhere(path)        # in a worker thread of the UI

The child is ``python -m reader.offload PATH``: it writes one pickled
tuple on stdout — ``("ok", packed document)`` or ``("error", message)``
for a file the loader refuses (:class:`reader.load.LoadError`).  Anything
else (the child cannot start, crashes, is killed) raises :class:`OffloadError`
and the caller parses in-process instead: the result is the same either way.
"""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
import threading
from array import array
from dataclasses import fields
from pathlib import Path

import reader
from reader.load import LoadError, load_document
from reader.model import Block, Document

_KINDS = ("heading", "turn", "narration", "note", "boilerplate")
_COLUMNS = ("text", "blocks", "path")  # sent apart (the path is the parent's own)


class OffloadError(Exception):
    """The child process gave no result; parse in-process instead."""


class Child:
    """One parse in a child process; :meth:`stop` ends it early (the app quits)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process: subprocess.Popen | None = None
        self._stopped = False
        self._lock = threading.Lock()

    def run(self) -> Document:
        """The parsed document; LoadError as load_document raises it."""
        self.start()
        return self.wait()

    def start(self) -> None:
        """Start the child (it parses meanwhile); OffloadError if it cannot start."""
        with self._lock:
            if self._stopped:
                raise OffloadError("stopped")
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "reader.offload", os.fsencode(self.path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,  # never the terminal: a TUI is on it
                    env=_child_env(),
                )
            except OSError as error:
                raise OffloadError(f"cannot start: {error}") from None

    def wait(self) -> Document:
        """The child's document (LoadError for a file the loader refuses)."""
        if self._process is None:
            raise OffloadError("not started")
        out, err = self._process.communicate()
        if self._process.returncode != 0 or not out:
            last = (err.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
            raise OffloadError(f"exit status {self._process.returncode}: {last[:200]}")
        try:
            status, payload = pickle.loads(out)
        except Exception as error:  # noqa: BLE001 — a truncated or foreign stream
            raise OffloadError(f"unreadable result ({type(error).__name__})") from None
        if status == "error":
            raise LoadError(payload)
        return unpack(payload, self.path)

    @property
    def stopped(self) -> bool:
        return self._stopped

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()


def parse_elsewhere(path: Path) -> Document:
    return Child(path).run()


def _child_env() -> dict[str, str]:
    """The parent's environment, with this copy of ``reader`` first on the
    path (it may run from a checkout that is not installed)."""
    env = dict(os.environ)
    root = str(Path(reader.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


# --- the wire format ----------------------------------------------------------------


def pack(doc: Document) -> tuple:
    """``doc`` as flat columns: pickled and unpickled several times faster
    than 42,000 Block objects."""
    names = sorted({b.speaker for b in doc.blocks if b.speaker is not None})
    number = {name: i for i, name in enumerate(names)}
    blocks = doc.blocks
    meta = {f.name: getattr(doc, f.name) for f in fields(doc) if f.name not in _COLUMNS}
    return (
        doc.text,
        meta,
        names,
        bytes(_KINDS.index(b.kind) for b in blocks),
        array("q", [b.start for b in blocks]).tobytes(),
        array("q", [b.end for b in blocks]).tobytes(),
        array("q", [-1 if b.speaker is None else number[b.speaker] for b in blocks]).tobytes(),
        array("d", [math.nan if b.time is None else b.time for b in blocks]).tobytes(),
        bytes(b.continuation for b in blocks),
    )


def unpack(packed: tuple, path: Path | None) -> Document:
    text, meta, names, kinds, starts, ends, speakers, times, continued = packed
    columns = [array("q"), array("q"), array("q"), array("d")]
    for column, raw in zip(columns, (starts, ends, speakers, times)):
        column.frombytes(raw)
    by_number = [*names, None]  # -1 picks the last: no speaker
    blocks = [
        Block(_KINDS[kind], start, end, by_number[speaker], None if math.isnan(time) else time, bool(cont))
        for kind, start, end, speaker, time, cont in zip(kinds, *columns, continued)
    ]
    return Document(text=text, blocks=blocks, path=path, **meta)


def main(argv: list[bytes | str]) -> int:
    path = Path(os.fsdecode(argv[0]))
    try:
        result: tuple = ("ok", pack(load_document(path)))
    except LoadError as error:
        result = ("error", str(error))
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main([os.fsencode(arg) for arg in sys.argv[1:]]))
