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
Markdown headings), and then the two texts differ.  :func:`reader.preview.map_offset`
finds a preview offset's place in the whole text either way.
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Document
from reader.preview import BLANK_LINE, MIN_CHARS  # MIN_CHARS: a shorter text is parsed whole at once

PREVIEW_CHARS = 32_000  # about 320 turns of Chinese, 30 screens: enough to read while the rest is parsed



def preview_cut(text: str, limit: int = PREVIEW_CHARS) -> int | None:
    """Where a preview of ``text`` ends: just after the last blank line
    before ``limit`` (else after the last line break); None when the text
    is short, or has no break in its opening (one giant line)."""
    if len(text) < max(MIN_CHARS, 4 * limit):
        return None
    floor = limit // 4  # a boundary this early would leave too little to show
    last = None
    for last in BLANK_LINE.finditer(text, floor, limit):
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
