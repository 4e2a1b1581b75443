"""Timestamps in recorded transcripts: subtitle timings, stamps at the start
of a line, a stamp after a speaker's name.

- ``00:01:02,500 --> 00:01:05,000`` (SRT/WebVTT) or a stamp alone on a line
  ("00:01:02", "[1:02]"): a timing line; it makes no block, and the next
  block starts at that time;
- ``[00:01:02] Kevin: …`` / ``1:02 Kevin: …``: the stamp is taken off the
  front of the line, the rest is parsed as usual;
- ``Kevin Scott  0:03`` (a name alone with a stamp after it, as exported by
  dictation services): the stamp is taken off the end.

Web articles have none of these, so their blocks keep ``time=None``.
"""

from __future__ import annotations

import re

_STAMP = r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<ms>\d{1,3}))?"
_TIMING_LINE = re.compile(rf"[\[(]?{_STAMP}[\])]?(?:\s*-->\s*\S.*)?")
_LEADING = re.compile(rf"[\[(]?{_STAMP}[\])]?\s+(?=\S)")
_TRAILING = re.compile(rf"\s+[\[(]?{_STAMP}[\])]?$")


def _seconds(match: re.Match[str]) -> float | None:
    minutes, seconds = int(match["m"]), int(match["s"])
    if seconds >= 60 or (match["h"] is not None and minutes >= 60):
        return None
    fraction = int(match["ms"]) / 10 ** len(match["ms"]) if match["ms"] else 0.0
    return int(match["h"] or 0) * 3600 + minutes * 60 + seconds + fraction


def timing_line(text: str) -> float | None:
    """The start time if ``text`` is only a timing (see module notes)."""
    if ":" not in text:
        return None
    match = _TIMING_LINE.fullmatch(text)
    return _seconds(match) if match else None


def leading_stamp(text: str) -> tuple[float, int] | None:
    """``(seconds, offset of the rest)`` for "[00:01:02] rest of the line"."""
    if ":" not in text[:12]:
        return None
    match = _LEADING.match(text)
    if match is None:
        return None
    seconds = _seconds(match)
    return (seconds, match.end()) if seconds is not None else None


def trailing_stamp(text: str) -> tuple[float, int] | None:
    """``(seconds, length of the rest)`` for "Kevin Scott  0:03"."""
    if ":" not in text[-12:]:
        return None
    match = _TRAILING.search(text)
    if match is None:
        return None
    seconds = _seconds(match)
    return (seconds, match.start()) if seconds is not None else None
