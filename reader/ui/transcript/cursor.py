"""The reading cursor: where it may stand and how it moves (no Textual here).

Positions are source offsets into ``Document.text``, never screen columns,
so the cursor and the selection stay on the same words in every script mode
(the view draws them through each line's offset map) and a CJK character is
one step however many cells it takes.

The cursor stands on a character of a block the view shows: never on a
newline, never between blocks, never in folded boilerplate.  Moves:

* character — the next/previous such character;
* word — Latin words by regex (letters, digits, inner ' and -); in Chinese,
  Japanese and Korean a word is a run of CJK characters between punctuation
  (a dictionary segmenter such as jieba costs a second to load; a run is
  what a reader selects by eye anyway);
* sentence — sentences end at 。！？!?;；… or a full stop before a space,
  closing quotes and brackets included, and at every newline.

A selection is the cursor plus an anchor, both ends inclusive (as in vim's
visual mode): :attr:`Caret.selection` is the half-open source span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.model import Document

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0003ffff"
_LATIN = rf"(?:(?![{CJK}])\w)+"
WORD = re.compile(rf"[{CJK}]+|{_LATIN}(?:['’\-]{_LATIN})*")
_CLOSERS = "」』”’\"'）)\\]》〉】"
SENTENCE_END = re.compile(rf"(?:[。！？!?;；]+|…+|\.(?![\w.]))[{_CLOSERS}]*")
_SPACE = " \t\n\u3000"

Span = tuple[int, int]


@dataclass
class Caret:
    """The cursor and, while a selection is being made, its other end."""

    position: int = 0
    anchor: int | None = None

    @property
    def selection(self) -> Span | None:
        """The selected source span (both ends' characters included), or None."""
        if self.anchor is None:
            return None
        return min(self.anchor, self.position), max(self.anchor, self.position) + 1

    def select(self, span: Span) -> None:
        """Select ``span`` (half-open) with the cursor on its last character."""
        start, end = span
        self.anchor, self.position = start, max(start, end - 1)


class Motions:
    """Cursor moves over one document; ``shown(i)`` says whether block i is
    on screen (folded boilerplate is not)."""

    def __init__(self, doc: Document, shown: Callable[[int], bool] = lambda _: True) -> None:
        self.text = doc.text
        self.blocks = doc.blocks
        self.starts = [b.start for b in doc.blocks]
        self.shown = shown
        self._sentences: dict[int, list[Span]] = {}

    # --- where the cursor may stand -----------------------------------------

    def block_at(self, pos: int) -> int | None:
        """The block containing ``pos`` (None between blocks)."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.blocks[i].end else None

    def _usable(self, i: int) -> bool:
        return self.shown(i) and self.blocks[i].end > self.blocks[i].start

    def next_valid(self, pos: int) -> int | None:
        """The first position at or after ``pos`` the cursor may stand on."""
        for i in range(max(0, bisect_right(self.starts, pos) - 1), len(self.blocks)):
            block = self.blocks[i]
            if not self._usable(i) or pos >= block.end:
                continue
            q = max(pos, block.start)
            while q < block.end and self.text[q] == "\n":
                q += 1
            if q < block.end:
                return q
        return None

    def previous_valid(self, pos: int) -> int | None:
        """The last position at or before ``pos`` the cursor may stand on."""
        for i in range(min(len(self.blocks), bisect_right(self.starts, pos)) - 1, -1, -1):
            block = self.blocks[i]
            if not self._usable(i):
                continue
            q = min(pos, block.end - 1)
            while q >= block.start and self.text[q] == "\n":
                q -= 1
            if q >= block.start:
                return q
        return None

    def clamp(self, pos: int) -> int:
        """The nearest position the cursor may stand on (0 in an empty document)."""
        pos = max(0, min(pos, len(self.text)))
        found = self.next_valid(pos)
        if found is None:
            found = self.previous_valid(pos)
        return 0 if found is None else found

    def block_start(self, block: int) -> int:
        """Where the cursor goes when the reader moves to ``block``."""
        if not self.blocks:
            return 0  # an empty file: there is no block 0
        found = self.next_valid(self.blocks[block].start)
        return self.clamp(self.blocks[block].start) if found is None else found

    # --- moves --------------------------------------------------------------------

    def char(self, pos: int, forward: bool) -> int:
        found = self.next_valid(pos + 1) if forward else self.previous_valid(pos - 1)
        return pos if found is None else found

    def word(self, pos: int, forward: bool) -> int:
        """The start of the next word, or of this/the previous one going back."""
        return self._seek(pos, forward, self._words)

    def sentence(self, pos: int, forward: bool) -> int:
        """The start of the next sentence, or of this/the previous one going back."""
        return self._seek(pos, forward, self._sentence_spans)

    def _seek(self, pos: int, forward: bool, units: Callable[[int], list[Span]]) -> int:
        """The nearest unit start after (before) ``pos``, block by block."""
        for block in self._blocks_from(pos, forward):
            starts = [start for start, _ in units(block)]
            if forward:
                found = next((s for s in starts if s > pos), None)
            else:
                found = next((s for s in reversed(starts) if s < pos), None)
            if found is not None:
                return found
        return pos

    def _blocks_from(self, pos: int, forward: bool) -> Iterator[int]:
        i = bisect_right(self.starts, pos) - 1
        order = range(max(i, 0), len(self.blocks)) if forward else range(min(i, len(self.blocks) - 1), -1, -1)
        return (j for j in order if self._usable(j))

    # --- units around a position -----------------------------------------------------

    def word_at(self, pos: int) -> Span:
        """The word under ``pos``; the character itself if it is no word's."""
        block = self.block_at(pos)
        if block is not None:
            for start, end in self._words(block):
                if start <= pos < end:
                    return start, end
        return pos, min(pos + 1, len(self.text))

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence under ``pos`` (the next one from a space between two)."""
        block = self.block_at(pos)
        if block is None:
            return None
        spans = self._sentence_spans(block)
        return next(((s, e) for s, e in spans if pos < e), spans[-1] if spans else None)

    def block_span(self, block: int) -> Span | None:
        """A block's text without the spaces around it."""
        b = self.blocks[block]
        return trimmed(self.text, b.start, b.end)

    # --- helpers -------------------------------------------------------------------------

    def _words(self, block: int) -> list[Span]:
        b = self.blocks[block]
        return [m.span() for m in WORD.finditer(self.text, b.start, b.end)]

    def _sentence_spans(self, block: int) -> list[Span]:
        spans = self._sentences.get(block)
        if spans is None:
            spans = self._sentences[block] = sentence_spans(self.text, self.blocks[block].start, self.blocks[block].end)
        return spans


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """The sentences of ``text[start:end]``, trimmed, in order."""
    spans = []
    paragraph = start
    while paragraph < end:
        stop = text.find("\n", paragraph, end)
        stop = end if stop < 0 else stop
        begin = paragraph
        for match in SENTENCE_END.finditer(text, paragraph, stop):
            spans.append(trimmed(text, begin, match.end()))
            begin = match.end()
        spans.append(trimmed(text, begin, stop))
        paragraph = stop + 1
    return [span for span in spans if span is not None]


def trimmed(text: str, start: int, end: int) -> Span | None:
    """``start:end`` without the spaces and newlines at its ends (None if nothing is left)."""
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return (start, end) if end > start else None
