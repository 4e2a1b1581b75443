"""A big file shown before it is parsed: its opening, then its end, and
where a place in them is once the whole is parsed.

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
import re
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
BLANK_LINE = re.compile(r"\n[ \t\r\u3000]*\n")  # where a preview may be cut: no paragraph in two
_NEEDLES = (32, 16, 8, 4)  # characters of text looked for, longest first (map_offset)


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
    from reader.parse import parse_text

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
    at = tail_start(text)
    if at is None:
        return None
    tail = parse_text(text[at:], path=path, encoding=head.encoding)
    return join_preview(head, tail, GAP)


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


# --- where the preview's text is in the whole ----------------------------------------------


def tail_start(text: str) -> int | None:
    """Where a preview of the end of ``text`` (the decoded last part of a
    file, cut anywhere) may start: just after its first blank line, so that
    no paragraph or turn is cut in two; None if there is none."""
    found = BLANK_LINE.search(text)
    return found.end() if found is not None and found.end() < len(text) else None


def join_preview(head: Document, tail: Document, gap: str) -> tuple[Document, int]:
    """One document of a big file's opening and end with a note saying
    ``gap`` between them, and the offset where the end's text starts in it.

    It is shown while the whole is parsed: the reader can read on from the
    top or jump to the end at once.  The title, language and script are the
    opening's (a title is read from the top of a file)."""
    from dataclasses import replace

    from reader.model import Block, Speaker

    note_start = len(head.text) + 2
    start = note_start + len(gap) + 2
    text = f"{head.text}\n\n{gap}\n\n{tail.text}"
    blocks = [
        *head.blocks,
        Block("note", note_start, note_start + len(gap)),
        *(replace(block, start=block.start + start, end=block.end + start) for block in tail.blocks),
    ]
    turns: dict[str, int] = {}
    for speaker in (*head.speakers, *tail.speakers):
        turns[speaker.name] = turns.get(speaker.name, 0) + speaker.turns
    joined = replace(
        head,
        text=text,
        blocks=blocks,
        damaged=head.damaged or tail.damaged,
        speakers=[Speaker(name, count) for name, count in turns.items()],
    )
    return joined, start


def map_joined_offset(preview_text: str, tail_at: int | None, full_text: str, offset: int) -> int:
    """:func:`map_offset` for a preview made by :func:`join_preview` (its end
    starting at ``tail_at``): an offset in the end part is looked for at the
    end of the whole text, one in the opening (or the note) at its start."""
    if tail_at is None or offset < tail_at:
        return map_offset(preview_text[:tail_at] if tail_at is not None else preview_text, full_text, offset)
    tail = preview_text[tail_at:]
    base = max(0, len(full_text) - len(tail))
    return base + map_offset(tail, full_text[base:], offset - tail_at)


def map_offset(preview_text: str, full_text: str, offset: int) -> int:
    """The offset in ``full_text`` of what is at ``offset`` in
    ``preview_text`` (the cleaned texts of a preview and of the whole).

    Where the texts agree up to a little past ``offset`` it is the same
    offset; otherwise the text at ``offset`` is looked for in the whole,
    nearest first; failing that, the same offset (clamped)."""
    offset = max(0, min(offset, len(preview_text)))
    upto = min(len(preview_text), offset + _NEEDLES[0])
    if preview_text[:upto] == full_text[:upto]:
        return min(offset, len(full_text))
    window = max(2_000, offset // 5)
    for size in _NEEDLES:
        needle = _needle(preview_text, offset, size)
        if needle is None:
            continue
        found = _nearest(full_text, needle, offset, window)
        if found is not None:
            return found
    return min(offset, len(full_text))


def _needle(text: str, offset: int, size: int) -> str | None:
    """Up to ``size`` characters from ``offset`` to the end of their line
    (joining lines is what changes between the two texts)."""
    needle = text[offset : offset + size].split("\n", 1)[0]
    return needle if len(needle.strip()) >= min(size, 4) else None


def _nearest(text: str, needle: str, offset: int, window: int) -> int | None:
    """The start of the occurrence of ``needle`` nearest ``offset``, within ``window``."""
    before = text.rfind(needle, max(0, offset - window), offset + len(needle))  # starts at or before offset
    after = text.find(needle, offset, offset + window + len(needle))
    found = [i for i in (before, after) if i >= 0]
    return min(found, key=lambda i: abs(i - offset)) if found else None
