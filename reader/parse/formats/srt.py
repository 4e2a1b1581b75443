"""SubRip (``.srt``): numbered cues, ``00:00:03,000 --> 00:00:07,500``.

Detected by the extension, or by content: the first line a cue number and
the next a timing, with at least two cues.  Formatting in the text (``<i>``,
``<font …>``, ASS overrides such as ``{\\an8}``) and HTML entities go; the
speaker is a ``Name:`` prefix on the first cue of a turn.  Rolling captions
(each cue repeating the last line of the one before) are read once
(:mod:`.rolling`).
"""

from __future__ import annotations

import html
import re

from reader.parse.formats.cues import Cue
from reader.parse.formats.rolling import unroll
from reader.parse.formats.subtitles import name_prefixes, scan, timing

_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]*>|\{\\[^{}\n]*\}")


def looks_like_srt(text: str) -> bool:
    lines = text.lstrip().split("\n", 2)
    return len(lines) >= 2 and lines[0].strip().isdigit() and timing(lines[1]) is not None


def parse(text: str, *, sniffing: bool) -> list[Cue] | None:
    """The cues, or None if ``text`` is not SubRip."""
    if sniffing and not looks_like_srt(text):
        return None
    raw = scan(text)
    if len(raw) < (2 if sniffing else 1):
        return None
    cues = [Cue(c.start, c.end, payload(c.text)) for c in raw]
    return name_prefixes(unroll(cues))


def payload(text: str) -> str:
    if "<" in text or "{" in text:
        text = _MARKUP.sub("", text)
    return html.unescape(text) if "&" in text else text
