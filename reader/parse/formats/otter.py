"""Otter.ai text export: a header line ``Name  m:ss`` (or ``h:mm:ss``; two
spaces or a tab before the time), the speech on the lines below.

Detected by content: two or more such headers, each followed by a line
that is not a header.  The header is then a cue whatever the name looks
like ("interviewer", "Speaker 2") and even if the speaker talks only once.
"""

from __future__ import annotations

import re

from reader.parse.hints import Hint, Hints
from reader.parse.lines import Line
from reader.parse.speakers import is_label
from reader.parse.timing import trailing_stamp

_HEADER = re.compile(r"(?P<name>\S.{0,40}?)(?: {2,}|\t)[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}")


def _header(text: str) -> tuple[str, float] | None:
    if "  " not in text and "\t" not in text:
        return None
    match = _HEADER.fullmatch(text)
    stamp = trailing_stamp(text) if match else None
    if match is None or stamp is None or not is_label(match["name"]):
        return None
    return match["name"], stamp[0]


def annotate(lines: list[Line], hints: Hints) -> bool:
    """Hint the headers; whether this is an Otter export."""
    found: list[tuple[int, str, float]] = []
    for i, line in enumerate(lines):
        header = _header(line.text) if hints[i] is None else None
        if header is not None and i + 1 < len(lines) and _header(lines[i + 1].text) is None:
            found.append((i, *header))
    if len(found) < 2:
        return False
    for i, name, seconds in found:
        hints[i] = Hint(speaker=name, offset=len(lines[i].text), time=seconds)
    return True
