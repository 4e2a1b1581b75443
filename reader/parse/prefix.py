"""A preview of a big transcript: its opening, parsed alone.

A 10 MB transcript takes about a second to parse; its first screen needs
the first few kilobytes.  The UI parses a *prefix* of the text — cut after a
blank line, so that no paragraph or turn is cut in two — shows it, and
parses the whole text meanwhile (reader.ui.loader).

The prefix is parsed by the same rules as any text (:func:`reader.parse.parse_text`):
nothing here changes how a transcript is read.  Most cleaning is local
(line endings, pinyin, control characters), so the preview's text is
usually the first part of the whole document's text, offsets and all; a few
decisions look at the whole text (whether it is hard-wrapped, repeated
Markdown headings), and then the two texts differ.  :func:`map_offset`
finds a preview offset's place in the whole text either way.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.model import Document
from reader.preview import MIN_CHARS  # a shorter text is parsed whole at once

PREVIEW_CHARS = 32_000  # about 320 turns of Chinese, 30 screens: enough to read while the rest is parsed

_BLANK_LINE = re.compile(r"\n[ \t\r\u3000]*\n")
_NEEDLES = (32, 16, 8, 4)  # characters of text looked for, longest first


def preview_cut(text: str, limit: int = PREVIEW_CHARS) -> int | None:
    """Where a preview of ``text`` ends: just after the last blank line
    before ``limit`` (else after the last line break); None when the text
    is short, or has no break in its opening (one giant line)."""
    if len(text) < max(MIN_CHARS, 4 * limit):
        return None
    floor = limit // 4  # a boundary this early would leave too little to show
    last = None
    for last in _BLANK_LINE.finditer(text, floor, limit):
        pass
    if last is not None:
        return last.end()
    newline = text.rfind("\n", floor, limit)
    return newline + 1 if newline >= 0 else None


def suits_preview(text: str, path: Path | None) -> bool:
    """JSON transcripts are read as a whole (a prefix is not valid JSON)."""
    if path is not None and path.suffix.lower() == ".json":
        return False
    return text.lstrip()[:1] not in ("{", "[")


def parse_preview(
    text: str, *, path: Path | None = None, encoding: str = "utf-8", damaged: bool = False, limit: int = PREVIEW_CHARS
) -> Document | None:
    """The document made of ``text``'s opening, or None if ``text`` is
    better parsed whole (see :func:`preview_cut`, :func:`suits_preview`)."""
    from reader.parse import parse_text

    cut = preview_cut(text, limit) if suits_preview(text, path) else None
    if cut is None:
        return None
    return parse_text(text[:cut], path=path, encoding=encoding, damaged=damaged)


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


# --- the end of a big file, before the middle -------------------------------------------

TAIL_CHARS = PREVIEW_CHARS  # of the file's end shown with the opening, so that End works at once


def tail_start(text: str) -> int | None:
    """Where a preview of the end of ``text`` (the decoded last part of a
    file, cut anywhere) may start: just after its first blank line, so that
    no paragraph or turn is cut in two; None if there is none."""
    found = _BLANK_LINE.search(text)
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
