"""Hard-wrapped text: paragraphs broken into short lines at a fixed width.

Web articles put one paragraph per line; e-mailed transcripts, court and
press-briefing records and Markdown files often break every paragraph at
60–80 columns.  The reader wants the paragraph back, so a turn is not shown
as a column of fragments: when the text *is* hard-wrapped (most lines end
near one width and run on into the next line), the line breaks inside a
paragraph become spaces (nothing between two Chinese characters).

A line break stays where a line is structural: a speaker cue, a name alone,
a heading, a note or stage direction, a timing, a list item, a table row,
web chrome.  Joining never touches a pair with a structural line, so doing
it again changes nothing (the parser relies on that).
"""

from __future__ import annotations

import re
from itertools import pairwise

from reader.parse.boilerplate import is_boilerplate
from reader.parse.clean import HAN
from reader.parse.headings import is_labelled_heading, is_section_number
from reader.parse.lines import SENTENCE_END
from reader.parse.notes import is_note
from reader.parse.speakers import split_cue
from reader.parse.stage import ends_with_direction, is_stage_direction, starts_with_direction
from reader.parse.timing import leading_stamp, timing_line

_MIN_LINES = 6
_MAX_WIDTH = 100  # columns; web paragraphs are longer than this
_NEAR_WIDTH = 0.8  # a wrapped line ends beyond this share of the width
_WRAPPED_SHARE = 0.4  # of the lines, at least this many are wrapped
_MIN_WRAPPED = 4
_HEAD, _TAIL = 300, 60  # what decides whether a paragraph ends
_CUE_MAX_LEN = 40  # a name (32) with emphasis and a colon
_OPENERS = set("([\uff08\uff3b【〔﹙")
_CLOSERS = set(")]\uff09\uff3d】〕﹚")
_CJK = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef]")
# East Asian Wide and Fullwidth ranges (Hangul, CJK, kana, full-width forms).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+"
)
_LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,3}[.)]|>)\s")


def width(text: str) -> int:
    """Terminal columns: wide (CJK) characters count twice."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(len, _WIDE.findall(text)))  # a regex: a 10 MB text is measured in C


def unwrap(text: str) -> str:
    """``text`` with hard-wrapped paragraphs joined (see module notes)."""
    raw = text.split("\n")
    if not is_hard_wrapped(raw):
        return text
    out: list[str] = []
    paragraph: _Paragraph | None = None
    for line in raw:
        stripped = line.strip()
        if not stripped:
            if paragraph is not None:
                out.append(paragraph.text())
            out.append(line)
            paragraph = None
            continue
        ends = _ends_paragraph(stripped)  # once per line: it is most of the cost
        if paragraph is not None and not paragraph.ends() and not ends and not _starts_block(stripped):
            paragraph.add(stripped)
            continue
        if paragraph is not None:
            out.append(paragraph.text())
        paragraph = _Paragraph(line, ends)
    if paragraph is not None:
        out.append(paragraph.text())
    return "\n".join(out)


class _Paragraph:
    """Lines being joined.  Whether it ends is judged on its first
    :data:`_HEAD` and last :data:`_TAIL` characters and its length only, so
    a long paragraph costs linear time (a function of the joined text all
    the same, which is what makes joining twice change nothing)."""

    def __init__(self, line: str, ends: bool) -> None:
        self.first = line
        self.pieces: list[str] = []
        self.ended = ends  # known for the first line; judged again after each join
        stripped = line.strip()
        self.head, self.tail, self.length = stripped[:_HEAD], stripped[-_TAIL:], len(stripped)

    def add(self, piece: str) -> None:
        if not self.pieces:
            self.first = self.first.rstrip()
        added = _separator(self.tail, piece) + piece
        self.pieces.append(added)
        if len(self.head) < _HEAD:
            self.head = (self.head + added)[:_HEAD]
        self.tail = (self.tail + added)[-_TAIL:]
        self.length += len(added)
        self.ended = _ends(self.head, self.tail, self.length)

    def ends(self) -> bool:
        return self.ended

    def text(self) -> str:
        return self.first + "".join(self.pieces)


def is_hard_wrapped(raw: list[str]) -> bool:
    """Many lines run on into the next, end close to one width, and mostly
    not at a sentence end (short sentences one per line are not wrapped)."""
    lines = [line.strip() for line in raw if line.strip()]
    # More than a tenth of the lines too long in characters alone: not wrapped,
    # and no need to measure (a web article of one paragraph per line).
    if len(lines) < _MIN_LINES or sum(len(line) > _MAX_WIDTH for line in lines) * 10 > len(lines):
        return False
    lengths = [width(line) for line in lines]
    wrap_width = sorted(lengths)[int(len(lengths) * 0.9)]
    if not 20 <= wrap_width <= _MAX_WIDTH:
        return False
    run_on = [
        line.strip()
        for line, following in pairwise(raw)
        if following.strip() and width(line.strip()) >= _NEAR_WIDTH * wrap_width
    ]
    mid_sentence = sum(1 for line in run_on if line[-1] not in SENTENCE_END)
    return len(run_on) >= max(_MIN_WRAPPED, _WRAPPED_SHARE * len(lengths)) and mid_sentence * 2 >= len(run_on)


def _ends_paragraph(text: str) -> bool:
    return _ends(text[:_HEAD], text[-_TAIL:], len(text))


def _ends(head: str, tail: str, length: int) -> bool:
    """Nothing is joined onto a line with this head and tail: a name alone
    (the speech is below it), a heading, a note, a timing, web chrome, a
    table row, a stage direction at its end…  (Those are short lines: a
    long one is judged by its edges only.)  The cheap tests on the first
    and last character spare the regexes on lines of plain prose."""
    if head[0] == "|" or (tail[-1] in _CLOSERS and ends_with_direction(tail)):
        return True
    if length > _HEAD:
        return False
    if length <= _CUE_MAX_LEN:
        cue = split_cue(head)
        if cue is not None and cue[1] == length:
            return True
    if (head[0] in _OPENERS or _has_colon(head[:20])) and (is_note(head) or is_stage_direction(head)):
        return True
    if is_labelled_heading(head) or is_section_number(head) or is_boilerplate(head):
        return True
    return timing_line(head) is not None


def _starts_block(text: str) -> bool:
    """``text`` is not joined to the line before: a cue, a stamp, a list
    item, a direction…  (:func:`_ends_paragraph` of it is asked apart.)"""
    if (len(text) <= _CUE_MAX_LEN or _has_colon(text[:_CUE_MAX_LEN])) and split_cue(text) is not None:
        return True
    if text[0] in _OPENERS and starts_with_direction(text):
        return True
    return leading_stamp(text) is not None or _LIST_ITEM.match(text) is not None


def _has_colon(text: str) -> bool:
    return ":" in text or "\uff1a" in text


def _separator(before: str, after: str) -> str:
    # "進" + "（jìn）…" keep a space: cleaning would take the pinyin out on
    # a second parse, and parsing the parsed text must change nothing.
    if _CJK.match(before[-1]) and _CJK.match(after[0]) and after[0] != "\uff08":
        return ""
    if before[-1] == "-" and before[-2:-1].isalpha():
        return ""  # "well-" + "known"
    return " "
