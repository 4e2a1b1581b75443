"""Where every block of a document sits in the transcript view's lines.

A transcript of 40,000 turns must open at once, so nothing is wrapped up
front: each block starts with an *estimated* line count (from its size in
cells), and is wrapped exactly only when it comes near the screen.  The
counts live in an array with prefix sums, so finding the block of a line is
a bisect and the view's ``render_line`` stays cheap.  Small documents are
wrapped completely at once, which keeps their scrollbar exact.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from textual.cache import LRUCache

from reader.model import Document
from reader.ui.memo import per_document
from reader.ui.script.display import Shown
from reader.ui.transcript.lines import (
    BLANK,
    TEXT,
    Line,
    block_lines,
    estimate_cells,
    estimate_text_lines,
    fold_lines,
)

# Documents up to this many characters are wrapped whole when laid out.
EAGER_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Fold:
    """A run of consecutive boilerplate blocks, shown as one line when folded."""

    first: int
    last: int
    lines: int  # source lines in the run, for "⋯ 3 lines of web boilerplate"


@per_document
def boilerplate_runs(doc: Document) -> dict[int, Fold]:
    """Fold of each boilerplate block, keyed by block index."""
    runs: dict[int, Fold] = {}
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "boilerplate":
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].kind == "boilerplate":
            j += 1
        count = sum(doc.block_text(blocks[k]).count("\n") + 1 for k in range(i, j + 1))
        fold = Fold(i, j, count)
        for k in range(i, j + 1):
            runs[k] = fold
        i = j + 1
    return runs


@per_document
def block_indices(doc: Document) -> tuple[list[int], list[int], list[int]]:
    """Indices of the turn blocks, of the turns that start (not continued
    after an interruption: "turn N of M" counts these) and of the headings."""
    turns, numbered, headings = [], [], []
    for index, block in enumerate(doc.blocks):
        if block.kind == "turn":
            turns.append(index)
            if not block.continuation:
                numbered.append(index)
        elif block.kind == "heading":
            headings.append(index)
    return turns, numbered, headings


@per_document
def block_cells(doc: Document) -> list[int]:
    """Estimated width in cells of every block's text (once per document)."""
    text = doc.text
    return [estimate_cells(text[b.start : b.end]) for b in doc.blocks]


_estimates: dict[tuple[int, int, bool], tuple[Document, array]] = {}  # the last few, by (id(doc), width, fold)
_estimates_lock = threading.Lock()


def line_estimates(doc: Document, width: int, fold: bool, folds: dict[int, Fold], cells: list[int]) -> array:
    """Every block's estimated line count at ``width`` (see DocLayout).

    Kept for the last few (document, width, folding): the loader computes
    them in its worker for the width the view has, so that showing a 10 MB
    transcript does not estimate 42,000 blocks on the UI thread."""
    key = (id(doc), width, fold)
    hit = _estimates.get(key)
    if hit is not None and hit[0] is doc:
        return hit[1]
    text, blocks = doc.text, doc.blocks
    counts = array("l")
    for index, block in enumerate(blocks):
        run = folds.get(index)
        if run is not None and fold:
            counts.append(2 if index == run.first else 0)
            continue
        body = estimate_text_lines(cells[index], text.count("\n", block.start, block.end), width)
        counts.append(body + 1 + (block.kind == "turn" and block.speaker is not None))
    with _estimates_lock:
        while len(_estimates) >= 4:
            _estimates.pop(next(iter(_estimates)), None)
        _estimates[key] = (doc, counts)
    return counts


class DocLayout:
    """Line positions of one document at one width, script mode and folding.

    ``shown(i)`` gives block i's display text, ``label(i)`` its speaker label
    (or None); both are called only for blocks being wrapped."""

    def __init__(
        self,
        doc: Document,
        width: int,
        shown: Callable[[int], Shown],
        label: Callable[[int], str | None],
        *,
        fold: bool = True,
        folds: dict[int, Fold] | None = None,
        cells: list[int] | None = None,
        eager_chars: int = EAGER_CHARS,
        estimates: array | None = None,
    ) -> None:
        self.doc = doc
        self.width = max(1, width)
        self._shown = shown
        self._label = label
        self.fold = fold
        self.folds = boilerplate_runs(doc) if folds is None else folds
        self._cells = block_cells(doc) if cells is None else cells
        n = len(doc.blocks)
        # Estimates depend on the width and the folding, not on the script
        # mode: a mode switch passes the last layout's ``estimates`` back in
        # rather than estimate 40,000 blocks again (60 ms in a 10 MB file).
        if estimates is None:
            estimates = line_estimates(doc, self.width, fold, self.folds, self._cells)
        self.estimates = estimates
        self.counts = array("l", self.estimates)
        self.exact = bytearray(n)
        self._prefix = [0, *accumulate(self.counts)]
        self._lines: LRUCache[int, list[Line]] = LRUCache(4096)
        self._dirty: int | None = None  # first block whose count changed
        if len(doc.text) <= eager_chars:
            for block in range(n):
                self.lines(block)
            self.settle()

    # --- positions -----------------------------------------------------------

    @property
    def total(self) -> int:
        return self._prefix[-1]

    def __len__(self) -> int:
        return len(self.counts)

    def start(self, block: int) -> int:
        return self._prefix[block]

    def end(self, block: int) -> int:
        return self._prefix[block + 1]

    def block_at(self, y: int) -> int:
        """The block that line ``y`` belongs to (clamped to the document).

        Blocks folded away take no lines and are never returned."""
        if not self.counts or not self.total:
            return 0
        y = min(max(0, y), self.total - 1)
        return bisect_right(self._prefix, y) - 1

    def line(self, y: int) -> Line | None:
        if not (0 <= y < self.total):
            return None
        block = self.block_at(y)
        lines = self.lines(block)
        self.settle()
        index = y - self._prefix[block]
        return lines[index] if index < len(lines) else None

    # --- wrapping --------------------------------------------------------------

    def lines(self, block: int) -> list[Line]:
        """The block's lines, wrapped now if need be.

        An estimated block becomes exact; call :meth:`settle` afterwards to
        move the blocks after it."""
        lines = self._lines.get(block)
        if lines is None:
            lines = self._wrap(block)
            self._lines[block] = lines
            if not self.exact[block]:
                self.exact[block] = 1
                if self.counts[block] != len(lines):
                    self.counts[block] = len(lines)
                    self._dirty = block if self._dirty is None else min(self._dirty, block)
        return lines

    def settle(self) -> bool:
        """Recompute positions after counts changed; True if anything moved."""
        start, self._dirty = self._dirty, None
        if start is None:
            return False
        self._prefix[start + 1 :] = list(accumulate(self.counts[start:], initial=self._prefix[start]))[1:]
        return True

    def ensure(self, y0: int, y1: int) -> bool:
        """Wrap every block touching lines ``y0``..``y1`` as they are once
        wrapped.  True if any position changed."""
        if not self.total:
            return False
        block = self.block_at(y0)
        y = self._prefix[block]
        while block < len(self.counts) and y < y1:
            y += len(self.lines(block))
            block += 1
        return self.settle()

    def _wrap(self, index: int) -> list[Line]:
        fold = self.folds.get(index)
        if fold is not None and self.fold:
            if index != fold.first:
                return []
            blocks = self.doc.blocks
            return fold_lines(index, blocks[fold.first], blocks[fold.last], fold.lines)
        block = self.doc.blocks[index]
        return block_lines(index, block, self._shown(index), self.width, self._label(index))

    # --- reading text back -------------------------------------------------------

    def copy_text(self, block: int) -> str:
        """A block as copied: label, text with wraps undone, and a newline.

        Built from the display text, so copying never needs to wrap."""
        fold = self.folds.get(block)
        if fold is not None and self.fold:
            return fold_lines(block, self.doc.blocks[fold.first], self.doc.blocks[fold.last], fold.lines)[0].text + "\n"
        label = self._label(block)
        head = "" if label is None else label + "\n"
        return head + self._shown(block).text + "\n"

    def offset_in_copy(self, y: int, x: int) -> tuple[int, int]:
        """(block, offset into copy_text(block)) of column ``x`` of line ``y``."""
        line = self.line(y)
        if line is None:
            block = self.block_at(y)
            return block, (0 if y < 0 else len(self.copy_text(block)))
        x = min(max(0, x), len(line.text))
        if line.role == TEXT:
            label = self._label(line.block)
            return line.block, (0 if label is None else len(label) + 1) + line.dstart + x
        if line.role == BLANK:
            return line.block, len(self.copy_text(line.block))
        return line.block, x
