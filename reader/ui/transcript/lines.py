"""Wrapping and the line model of the transcript view (no Textual here).

Widths are terminal cells: CJK characters take two.  A line may break
anywhere next to a CJK character, and at spaces in Latin text; a word longer
than the line is cut into line-sized pieces.  Spaces hang at the end of the
line they follow, so the lines of a paragraph, concatenated, are the
paragraph again, and every line knows the source offsets it came from.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from reader.model import Block
from reader.ui.script.display import Shown

# Characters after which and before which a line may break (East Asian
# wide and fullwidth: ideographs, kana, hangul, CJK punctuation, fullwidth
# forms).  Widths still come from rich; this only decides break points.
WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)
_TOKEN = re.compile(rf"(?P<space>[ \u3000]+)|(?P<wide>[{WIDE}]+)|(?P<word>[^ \u3000{WIDE}]+)")
_WIDE_CHAR = re.compile(rf"[{WIDE}]")

# Line-breaking courtesy (kinsoku): these should not start a line…
NO_START = frozenset("、。，．・：；？！）〕］｝〉》」』】〙〗〟｠’”…‥ー々,.;:!?)]}%")
# …and these should not end one.
NO_END = frozenset("（〔［｛〈《「『【〘〖〝｟‘“([{")

LABEL, TEXT, FOLD, BLANK = "label", "text", "fold", "blank"


class Line(NamedTuple):
    """One wrapped line of the transcript."""

    block: int  # index of its block in Document.blocks
    role: str  # LABEL, TEXT, FOLD or BLANK
    text: str  # what is drawn (without gutter)
    start: int  # source span in Document.text
    end: int
    dstart: int = 0  # span in the block's display text (TEXT lines)
    dend: int = 0


def _is_wide(char: str) -> bool:
    return _WIDE_CHAR.match(char) is not None


def _courtesy(text: str, at: int, line_start: int) -> int:
    """Move a break back so that closing punctuation does not start a line
    and opening punctuation does not end one (never emptying the line)."""
    if at < len(text) and text[at] in NO_START and at - 1 > line_start and _is_wide(text[at - 1]):
        at -= 1
    if at - 1 > line_start and text[at - 1] in NO_END and (_is_wide(text[at - 1]) or _is_wide(text[at - 2])):
        at -= 1  # an opening bracket or quote moves down with what it opens
    return at


class _Wrapper:
    """Greedy line filling over one paragraph; collects line starts."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = max(1, width)
        self.starts = [0]
        self.col = 0

    def break_at(self, at: int, carried_to: int) -> None:
        """Start a new line at ``at``; text up to ``carried_to`` is already placed."""
        at = _courtesy(self.text, at, self.starts[-1])
        if at <= self.starts[-1]:
            return
        self.starts.append(at)
        self.col = cell_len(self.text[at:carried_to]) if at < carried_to else 0

    def run(self) -> list[int]:
        for match in _TOKEN.finditer(self.text):
            start, end = match.span()
            kind = match.lastgroup
            if kind == "space":
                self.col += cell_len(match.group())  # hangs past the edge if need be
            elif kind == "wide":
                self.place_wide(start, end)
            else:
                start = self.skip_marks(start, end)
                if start < end:
                    self.place_word(start, end)
        return self.starts

    def skip_marks(self, start: int, end: int) -> int:
        """Past the zero-width characters a word starts with: combining
        marks (é as e + U+0301, Devanagari vowel signs) after a CJK
        character or a space belong to it, and a line must not start
        with them."""
        text = self.text
        while start < end and get_character_cell_size(text[start]) == 0:
            start += 1
        return start

    def place_wide(self, start: int, end: int) -> None:
        run = self.text[start:end]
        if cell_len(run) != 2 * len(run):
            self.place_chars(start, end)
            return
        pos = start
        while pos < end:
            room = max(0, self.width - self.col) // 2
            if end - pos <= room:
                self.col += 2 * (end - pos)
                return
            if room == 0 and pos == self.starts[-1]:
                self.col += 2  # narrower than one character: one per line
                pos += 1
                continue
            self.break_at(pos + room, pos + room)
            pos += room

    def place_word(self, start: int, end: int) -> None:
        width = cell_len(self.text[start:end])
        if self.col + width <= self.width:
            self.col += width
            return
        if self.col and start > self.starts[-1]:
            self.break_at(start, start)
            if self.col + width <= self.width:
                self.col += width
                return
        self.place_chars(start, end)

    def place_chars(self, start: int, end: int) -> None:
        """Cut a run that does not fit anywhere into line-sized pieces."""
        text = self.text
        if text[start:end].isascii():
            pos = start
            while end - pos > self.width - self.col:
                cut = pos + max(0, self.width - self.col)
                if cut <= self.starts[-1]:
                    cut = self.starts[-1] + 1
                self.starts.append(cut)
                self.col = 0
                pos = cut
            self.col += end - pos
            return
        for i in range(start, end):
            char_width = get_character_cell_size(text[i])
            # Never before a zero-width character (a combining mark, a
            # joiner): that would split one character over two lines.
            if self.col + char_width > self.width and i > self.starts[-1] and char_width:
                self.starts.append(i)
                self.col = 0
            self.col += char_width


def wrap_paragraph(text: str, width: int) -> list[int]:
    """Offsets where the lines of a one-paragraph text start (the first is 0)."""
    if not text:
        return [0]
    return _Wrapper(text, width).run()


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` wrapped to ``width`` cells.

    The spans tile the text: a paragraph's last line ends after its newline."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        starts = wrap_paragraph(paragraph, width)
        ends = starts[1:] + [len(paragraph) + 1]
        spans.extend((offset + s, offset + e) for s, e in zip(starts, ends, strict=True))
        offset += len(paragraph) + 1
    if spans:  # the last paragraph has no newline after it
        start, end = spans[-1]
        spans[-1] = (start, end - 1)
    return spans


def visible_width(text: str) -> int:
    """Cells a line occupies, not counting the spaces hanging at its end."""
    return cell_len(text.rstrip(" \u3000"))


def text_lines(index: int, block: Block, shown: Shown, width: int) -> list[Line]:
    """The wrapped TEXT lines of a block, each with its source span."""
    lines = []
    display = shown.text
    for dstart, dend in wrap(display, width):
        text = display[dstart:dend]
        if text.endswith("\n"):
            text = text[:-1]
        start = block.start + shown.to_source(dstart)
        end = block.start + shown.to_source(dend)
        lines.append(Line(index, TEXT, text, start, min(end, block.end), dstart, dend))
    return lines


def block_lines(index: int, block: Block, shown: Shown, width: int, label: str | None = None) -> list[Line]:
    """Every line a block takes: its label, its text, and the blank after it."""
    lines = []
    if label is not None:
        lines.append(Line(index, LABEL, label, block.start, block.start))
    lines.extend(text_lines(index, block, shown, width))
    lines.append(Line(index, BLANK, "", block.end, block.end, len(shown.text), len(shown.text)))
    return lines


def fold_lines(index: int, first: Block, last: Block, hidden_lines: int) -> list[Line]:
    """The one line that stands for a run of boilerplate blocks, and a blank."""
    noun = "line" if hidden_lines == 1 else "lines"
    text = f"⋯ {hidden_lines} {noun} of web boilerplate"
    return [Line(index, FOLD, text, first.start, last.end), Line(index, BLANK, "", last.end, last.end)]


def estimate_text_lines(cells: int, newlines: int, width: int) -> int:
    """A cheap guess of how many lines a text of ``cells`` cells wraps into.

    Word wrapping leaves the ends of lines short; 8% covers that on average."""
    width = max(1, width)
    return max(1, -(-cells * 108 // (100 * width))) + newlines


def estimate_cells(text: str) -> int:
    """Cells of a text without measuring each character: in UTF-8 a CJK
    character takes three bytes and two cells, a Latin one one byte and one."""
    chars = len(text)
    return chars + (len(text.encode("utf-8", "surrogatepass")) - chars) // 2
