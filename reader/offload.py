"""Parsing a big file in another process.

Threads share one interpreter lock: a 10 MB transcript parsed in a thread
(about 0.6 s of pure Python) halves the UI's share of the CPU meanwhile, and
paging through the preview doubles in latency.  A child process parses on
the other core instead; the parent only unpacks the result (~0.07 s for
42,000 blocks, against ~0.12 s for a plain pickle of the Document).

    child = Child(path, opening=True)       # started as early as can be
    child.start()
    kind, *rest = child.next()              # in a worker thread: it blocks

The child is ``python -m reader.offload [--opening] PATH``.  It writes
frames on stdout (a length, then a pickled tuple), each as soon as it has it:

- with ``--opening``, for a big file: ``("opening", Opening)`` — its opening
  parsed (reader.preview), then ``("joined", document, tail_at)`` — the
  opening with the file's end (if it can be read apart);
- always, last: ``("whole", document)``, or ``("error", message)`` for a
  file the loader refuses (raised here as :class:`reader.load.LoadError`).

Anything else (the child cannot start, crashes, is killed) raises
:class:`OffloadError`, and the caller parses in-process instead: the result
is the same either way.
"""

from __future__ import annotations

import math
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import threading
from array import array
from dataclasses import fields
from pathlib import Path
from typing import IO, Self

import reader
from reader.load import LoadError, load_document
from reader.model import Block, Document

_KINDS = ("heading", "turn", "narration", "note", "boilerplate")
_COLUMNS = ("text", "blocks", "path")  # sent apart (the path is the parent's own)


class OffloadError(Exception):
    """The child process gave no result; parse in-process instead."""


FRAME_LENGTH = struct.Struct(">Q")


class ChildProcess:
    """A child process of reader's (``python -P -m MODULE …``) that answers in
    frames on its stdout: started once, stopped from any thread (the app
    quits), reaped.  Its stderr goes to a file, never the terminal (a TUI is
    on it), nor a pipe (it would block the child once full, unread); the
    last line of it explains a failure.  Subclasses say what to run."""

    stdin: int = subprocess.DEVNULL  # or subprocess.PIPE for a child that reads requests

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._errors: IO[bytes] | None = None
        self._last_error = "no output"
        self._stopped = False
        self._lock = threading.Lock()

    def arguments(self) -> list[str | bytes]:
        """The module to run and its arguments."""
        raise NotImplementedError

    def command(self) -> list[str | bytes]:
        # -P: not the working directory first on the path (a reader.py there).
        return [sys.executable, "-P", "-m", *self.arguments()]

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> Self:
        """Start the child (it works meanwhile); OffloadError if it cannot
        start, or was stopped first."""
        with self._lock:
            if self._stopped:
                if self._process is not None:
                    self._finish(self._process)
                raise OffloadError("stopped")
            if self._process is not None:
                return self
            self._errors = tempfile.TemporaryFile()
            try:
                self._process = subprocess.Popen(
                    self.command(),
                    stdin=self.stdin,
                    stdout=subprocess.PIPE,
                    stderr=self._errors,
                    env=child_env(),
                )
            except OSError as error:
                self._errors.close()
                raise OffloadError(f"cannot start: {error}") from None
        return self

    def stop(self) -> None:
        """End the child; a thread waiting on its answer gets OffloadError."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def _failure(self, process: subprocess.Popen) -> str:
        self._finish(process)
        if self._stopped:
            return "stopped"
        return f"exit status {process.returncode}: {self._last_error[:200]}"

    def _finish(self, process: subprocess.Popen) -> None:
        """Reap the child, keep its last line of errors, close its files."""
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except OSError:
                    pass
        if self._errors is not None and not self._errors.closed:
            self._errors.seek(0)
            lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
            self._last_error = lines[-1] if lines else "no output"
            self._errors.close()


class Child(ChildProcess):
    """One file parsed in a child process; :meth:`stop` ends it early (the app quits)."""

    def __init__(self, path: Path, *, opening: bool = False) -> None:
        super().__init__()
        self.path = path
        self.opening = opening

    def arguments(self) -> list[str | bytes]:
        return ["reader.offload", *(["--opening"] if self.opening else []), os.fsencode(self.path)]

    def next(self) -> tuple:
        """The child's next result, as the module's docstring lists them
        (documents unpacked); LoadError for a file the loader refuses."""
        process = self._process
        if process is None or process.stdout is None:
            raise OffloadError("not started")
        frame = read_frame(process.stdout)
        if frame is None:
            raise OffloadError(self._failure(process))
        kind, *rest = frame
        if kind in ("whole", "error"):
            self._finish(process)
        if kind == "error":
            raise LoadError(rest[0])
        if kind == "whole":
            return kind, unpack(rest[0], self.path)
        if kind == "joined":
            return kind, unpack(rest[0], self.path), rest[1]
        if kind == "opening":
            packed, total, seconds = rest
            from reader.preview import Opening

            return kind, Opening(unpack(packed, self.path), total, seconds)
        process.kill()  # it speaks another protocol: no use waiting for the rest
        self._finish(process)
        raise OffloadError(f"unknown result {kind!r}")

    def run(self) -> Document:
        """The whole document (what comes before it is skipped)."""
        self.start()
        while True:
            kind, *rest = self.next()
            if kind == "whole":
                return rest[0]


def parse_elsewhere(path: Path) -> Document:
    return Child(path).run()


def read_frame(stream: IO[bytes]) -> tuple | None:
    """The next pickled tuple on ``stream``; None at its end or if it is cut short."""
    try:
        head = stream.read(FRAME_LENGTH.size)
        if len(head) < FRAME_LENGTH.size:
            return None
        (length,) = FRAME_LENGTH.unpack(head)
        payload = stream.read(length)
        if len(payload) < length:
            return None
        frame = pickle.loads(payload)
    except Exception:  # noqa: BLE001 — a foreign or truncated stream is "no result"
        return None
    return frame if isinstance(frame, tuple) and frame and isinstance(frame[0], str) else None


def child_env() -> dict[str, str]:
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


def step_aside() -> None:
    """Parsing the whole is background work: on a machine with few cores,
    the reader's UI (and the terminal) should get the CPU first while the
    reader pages through the opening."""
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this system, or not allowed: no matter
        pass


def main(argv: list[str]) -> int:
    opening = argv[:1] == ["--opening"]
    path = Path(argv[-1])
    out = sys.stdout.buffer

    def send(*frame: object) -> None:
        payload = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(FRAME_LENGTH.pack(len(payload)) + payload)
        out.flush()

    try:
        if opening:
            from reader import preview

            first = preview.read_opening(path)
            if first is not None:
                send("opening", pack(first.doc), first.total, first.seconds)
                joined = preview.with_end(path, first.doc)
                if joined is not None:
                    send("joined", pack(joined[0]), joined[1])
        step_aside()
        send("whole", pack(load_document(path)))
    except LoadError as error:
        send("error", str(error))
    except BrokenPipeError:  # the parent has gone: nobody to tell
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
