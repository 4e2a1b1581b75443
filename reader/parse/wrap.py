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
import unicodedata

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
_CJK = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef]")
_LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,3}[.)]|>)\s")


def width(text: str) -> int:
    """Terminal columns: wide (CJK) characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def unwrap(text: str) -> str:
    """``text`` with hard-wrapped paragraphs joined (see module notes)."""
    raw = text.split("\n")
    if not is_hard_wrapped(raw):
        return text
    out: list[str] = []
    for line in raw:
        if out and out[-1].strip() and line.strip() and _can_join(out[-1], line.strip()):
            out[-1] = _join(out[-1].rstrip(), line.strip())
        else:
            out.append(line)
    return "\n".join(out)


def is_hard_wrapped(raw: list[str]) -> bool:
    """Many lines run on into the next, end close to one width, and mostly
    not at a sentence end (short sentences one per line are not wrapped)."""
    lengths = [width(line.strip()) for line in raw if line.strip()]
    if len(lengths) < _MIN_LINES:
        return False
    wrap_width = sorted(lengths)[int(len(lengths) * 0.9)]
    if not 20 <= wrap_width <= _MAX_WIDTH:
        return False
    run_on = [
        line.strip()
        for line, following in zip(raw, raw[1:])
        if following.strip() and width(line.strip()) >= _NEAR_WIDTH * wrap_width
    ]
    mid_sentence = sum(1 for line in run_on if line[-1] not in SENTENCE_END)
    return len(run_on) >= max(_MIN_WRAPPED, _WRAPPED_SHARE * len(lengths)) and mid_sentence * 2 >= len(run_on)


def _can_join(joined: str, line: str) -> bool:
    """``line`` goes on the paragraph ``joined`` (the lines joined so far)."""
    return not (_ends_paragraph(joined.strip()) or _starts_block(line))


def _ends_paragraph(text: str) -> bool:
    """Nothing is joined onto ``text``: a name alone (the speech is below
    it), a heading, a note, a timing, web chrome, a table row…"""
    cue = split_cue(text)
    if (cue is not None and cue[1] == len(text)) or text.startswith("|"):
        return True
    if is_note(text) or is_stage_direction(text) or ends_with_direction(text):
        return True
    if is_labelled_heading(text) or is_section_number(text) or is_boilerplate(text):
        return True
    return timing_line(text) is not None


def _starts_block(text: str) -> bool:
    """``text`` is not joined to the line before: a cue, a stamp, a list item…"""
    if _ends_paragraph(text) or split_cue(text) is not None or starts_with_direction(text):
        return True
    return leading_stamp(text) is not None or _LIST_ITEM.match(text) is not None


def _join(left: str, right: str) -> str:
    # "進" + "（jìn）…" keep a space: cleaning would take the pinyin out on
    # a second parse, and parsing the parsed text must change nothing.
    if _CJK.match(left[-1]) and _CJK.match(right[0]) and right[0] != "\uff08":
        return left + right
    if left[-1] == "-" and left[-2:-1].isalpha():
        return left + right  # "well-" + "known"
    return left + " " + right
