"""Paragraph lines and the shapes the parser asks about.

Web transcripts put one paragraph per line (sometimes with blank lines
between), so the parser's unit is a non-blank line, trimmed of surrounding
whitespace, with its offsets in the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Punctuation that ends a sentence (a heading or title does not end with it).
SENTENCE_END = "。.!?\uff01\uff1f…;\uff1b"
_PUNCT_ONLY = re.compile(r"[\W_]*")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str  # == cleaned_text[start:end]


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, each trimmed of outer whitespace."""
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(Line(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def is_punctuation_only(text: str) -> bool:
    return _PUNCT_ONLY.fullmatch(text) is not None


def is_title_shaped(text: str, max_len: int = 64) -> bool:
    """Short, and not a sentence: no sentence punctuation inside or at the
    end (a headline may end with ! or ?, the caller decides)."""
    if not 2 <= len(text) <= max_len or is_punctuation_only(text):
        return False
    if "。" in text or ". " in text:
        return False
    return text[-1] not in "。.…;\uff1b,\uff0c、"
