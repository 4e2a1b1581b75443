"""A big file shown before it is parsed: its opening, then its end.

A 10 MB transcript takes about a second to parse whole.  What its first
screen needs is its first few kilobytes, and what End needs is its last few:
both are read here without reading the rest (the first MiB, the last
128 KiB), and parsed alone (reader.parse.prefix), in a few tens of
milliseconds each.  The UI shows them while the whole is parsed
(reader.ui.loader; in a child process, reader.offload).
"""

from __future__ import annotations

import codecs
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from reader.load import decode, looks_binary
from reader.model import Document

# A shorter text is parsed whole at once (about 0.1 s).  Here, not in
# reader.parse.prefix, so that `reader FILE` can tell a big file before it
# imports the parser (see reader.cli).
MIN_CHARS = 256_000
HEAD_BYTES = 1 << 20  # read and decoded for the opening: more than MIN_CHARS characters
TAIL_BYTES = 128 * 1024  # read from the end: ~40,000 Chinese characters
GAP = "… the middle of this transcript is still loading …"  # the note between the opening and the end
PACE_SAMPLE = 16_000  # characters parsed to measure the pace of parsing
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # the UTF-32 ones start with these


@dataclass
class Opening:
    """A big file's opening, parsed: ``total`` the characters expected in the
    whole, ``seconds`` what parsing the whole is expected to take."""

    doc: Document
    total: int
    seconds: float


def file_size(path: Path) -> int:
    """The size of a regular file; 0 for anything else (reading it says why)."""
    try:
        info = os.stat(path)
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def is_big(path: Path) -> bool:
    """Big enough in bytes to be shown from a preview (a character is a byte or more)."""
    return file_size(path) >= MIN_CHARS


def read_opening(path: Path) -> Opening | None:
    """The opening of the big file ``path``; None if it has none (short, one
    giant line, JSON, UTF-16, unreadable: the whole parse says what is wrong)."""
    from reader.parse import prefix

    size = file_size(path)
    if size < MIN_CHARS:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(HEAD_BYTES * 3 // 2 + 1)
    except OSError:
        return None
    if len(data) > HEAD_BYTES * 3 // 2:
        data = _head(data)
    if not data or looks_binary(data):
        return None
    decoded = decode(data)
    total = len(decoded.text) * size // max(1, len(data))
    doc = prefix.parse_preview(decoded.text, path=path, encoding=decoded.encoding, damaged=decoded.damaged)
    return Opening(doc, total, pace(doc) * total) if doc is not None else None


def with_end(path: Path, head: Document) -> tuple[Document, int] | None:
    """``head`` (the opening of ``path``) joined with the file's end after a
    note, and where the end starts in it; None if the end cannot be read apart."""
    from reader.parse import parse_text, prefix

    size = file_size(path)
    if size < 4 * TAIL_BYTES:
        return None
    try:
        with open(path, "rb") as handle:
            handle.seek(size - TAIL_BYTES)
            data = handle.read()
        # The opening's encoding: a few bytes decide nothing.  A character cut
        # in two at the seek only spoils text before the first blank line.
        text = data.decode(head.encoding, errors="replace")
    except (OSError, LookupError):
        return None
    at = prefix.tail_start(text)
    if at is None:
        return None
    tail = parse_text(text[at:], path=path, encoding=head.encoding)
    return prefix.join_preview(head, tail, GAP)


def pace(doc: Document) -> float:
    """Seconds per character of parsing text like ``doc``'s (measured warm)."""
    from reader.parse import parse_text

    end = doc.text.rfind("\n", 0, PACE_SAMPLE) + 1 or len(doc.text)
    started = time.perf_counter()
    parse_text(doc.text[:end], path=doc.path)
    return (time.perf_counter() - started) / max(1, end)


def _head(data: bytes) -> bytes:
    """The opening of a big file's first bytes, cut after a line break, to
    decode; b"" if no line break can be found byte-wise (UTF-16 and UTF-32
    files, a first MiB without one)."""
    if any(data.startswith(bom) for bom in _WIDE_BOMS) or b"\x00" in data[:8192]:
        return b""
    cut = data.rfind(b"\n", 0, HEAD_BYTES)
    return data[: cut + 1] if cut > HEAD_BYTES // 2 else b""
