"""What makes a line a heading, independent of its neighbours.

- a labelled heading: "Topic 3: …", "Last Topic: …", "Teil 2 – …",
  "第三章 …", "## …" (the label words are data, several languages);
- a section number alone on a line ("01", "2.", "三、"), which the block
  builder joins with the short title lines that follow it.

Headings that are only recognisable by position (a short line just before a
speaker cue) are found by :mod:`reader.parse.blocks`.
"""

from __future__ import annotations

import re

_LABEL_WORDS = [
    "Topic", "Part", "Chapter", "Section", "Session", "Round",  # en
    "Thema", "Teil", "Kapitel", "Abschnitt", "Runde",  # de
]
_ORDINAL = r"(?:\d{1,3}|(?-i:[IVXLC]{1,6})|[一二三四五六七八九十百]{1,4})"
_SEPARATOR = r"\s*(?:[:\uff1a.\-–—]|$)"
_LABELLED = re.compile(
    rf"(?:(?:Last|Final|First|Next|Bonus|Letzte[rs]?)\s+)?(?:{'|'.join(_LABEL_WORDS)})"
    rf"(?:\s*[:\uff1a]|\s+{_ORDINAL}{_SEPARATOR})"
    rf"|第\s*{_ORDINAL}\s*(?:[章節节篇讲講回问問幕]|部分)(?:[\s:\uff1a、.]|$)"
    rf"|(?:话题|話題|主题|主題|议题|議題)\s*{_ORDINAL}?\s*[:\uff1a]"
    r"|#{1,6}\s+\S",
    re.IGNORECASE,
)
_LABEL_MAX_LEN = 100
# "01", "2.", "(3)", "三、": a section number on its own line.
_NUMBER_ONLY = re.compile(rf"[(\uff08]?{_ORDINAL}[)\uff09]?[.、]?|Part\s+{_ORDINAL}|Teil\s+{_ORDINAL}", re.IGNORECASE)
# The title lines after a section number are short and are not sentences.
NUMBER_TITLE_MAX_LEN = 32
NUMBER_TITLE_MAX_LINES = 5


def is_labelled_heading(text: str) -> bool:
    return len(text) <= _LABEL_MAX_LEN and _LABELLED.match(text) is not None


def is_section_number(text: str) -> bool:
    return len(text) <= 12 and _NUMBER_ONLY.fullmatch(text) is not None


def is_number_title_line(text: str) -> bool:
    """A line that can continue the title after a section number."""
    # A subtitle may end with ";" ("2023,降低智能成本;"), a sentence may not.
    return len(text) <= NUMBER_TITLE_MAX_LEN and text[-1] not in "。.!?\uff01\uff1f…" and "-->" not in text
