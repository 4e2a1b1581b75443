"""Finding the cues of a subtitle file (SubRip and WebVTT alike).

A cue is a timing line ``00:00:03,000 --> 00:00:07,500`` (``,`` or ``.``
before the milliseconds; hours optional, as WebVTT allows) followed by its
text.  Real files are sloppy, so the text of a cue is everything up to the
next timing line, except:

- the line just before the next timing when it is the next cue's number
  (SubRip), or follows a blank line (a WebVTT cue identifier);
- WebVTT ``NOTE``, ``STYLE`` and ``REGION`` blocks;
- whatever comes before the first timing (a header, the first number).

Blank lines inside a cue's text are kept as line breaks.  One pass over the
lines, so a 10 MB file takes well under a second.

Speakers are named by a ``Name:`` prefix on the first cue of a turn
(:func:`name_prefixes`); WebVTT may use voice tags instead (:mod:`.vtt`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reader.parse.formats.cues import Cue
from reader.parse.speakers import split_cue

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?[ \t]*")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True, slots=True)
class RawCue:
    start: float
    end: float
    lines: list[str]


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, fraction = groups
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction) / 10 ** len(fraction)


def timing(line: str) -> tuple[float, float] | None:
    if "-->" not in line:
        return None
    match = _TIMING.fullmatch(line)
    if match is None:
        return None
    groups = match.groups()
    return _seconds(groups[:4]), _seconds(groups[4:])


def scan(text: str, vtt: bool = False) -> list[RawCue]:
    """The cues of ``text`` (newlines already ``\\n``)."""
    timings = list(_timing_lines(text))
    cues: list[RawCue] = []
    for k, (line_start, line_end, start, end) in enumerate(timings):
        last = k + 1 == len(timings)
        stop = len(text) if last else timings[k + 1][0]
        body = text[line_end + 1 : stop].split("\n")
        if not last:
            body = _drop_next_identifier(body[:-1], vtt)  # [-1]: the empty rest before the timing
        cues.append(RawCue(start, end, _drop_vtt_blocks(body) if vtt else _trim(body)))
    return cues


def _timing_lines(text: str) -> Iterator[tuple[int, int, float, float]]:
    """(line start, line end, start, end) of each timing line.  Looking for
    "-->" first is what makes this fast: a regex tried at every line start
    costs more than all the rest of the parse."""
    position = text.find("-->")
    while position != -1:
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end == -1 else line_end
        match = _TIMING.fullmatch(text, line_start, line_end)
        if match is not None:
            groups = match.groups()
            yield line_start, line_end, _seconds(groups[:4]), _seconds(groups[4:])
        position = text.find("-->", line_end)


def _drop_next_identifier(body: list[str], vtt: bool) -> list[str]:
    if not body or not body[-1].strip():
        return body
    last = body[-1].strip()
    after_blank = len(body) >= 2 and not body[-2].strip()
    if last.isdigit() or (vtt and after_blank):
        return body[:-1]
    return body


def _drop_vtt_blocks(body: list[str]) -> list[str]:
    """Drop the paragraphs after the cue text that are NOTE/STYLE/REGION blocks."""
    kept: list[str] = []
    skipping = False
    for k, line in enumerate(body):
        if not line.strip():
            skipping = False
        elif k > 0 and not body[k - 1].strip() and line.split(maxsplit=1)[0] in _VTT_BLOCKS:
            skipping = True
        if not skipping:
            kept.append(line)
    return _trim(kept)


def _trim(body: list[str]) -> list[str]:
    start, end = 0, len(body)
    while start < end and not body[start].strip():
        start += 1
    while end > start and not body[end - 1].strip():
        end -= 1
    return body[start:end]


# Broadcast captions mark a change of speaker with ">>", dialogue with "-".
_TURN_MARK = re.compile(r"(?:>>+|[-–—])\s*")


def name_prefixes(cues: list[Cue]) -> list[Cue]:
    """Speakers named by a ``Name:`` prefix on a cue's first line.

    A prefix counts when the name recurs; once two names recur, a name used
    once counts too (a guest with one line).  The prefix leaves the text."""
    found = [None if cue.speaker is not None else _prefix(cue.text) for cue in cues]
    counts = Counter(name for name, _ in filter(None, found))
    names = {name for name, count in counts.items() if count >= 2}
    if len(names) >= 2:
        names = set(counts)
    return [
        replace(cue, speaker=prefix[0], text=cue.text[prefix[1] :]) if prefix and prefix[0] in names else cue
        for cue, prefix in zip(cues, found)
    ]


def _prefix(text: str) -> tuple[str, int] | None:
    """(name, offset of the speech) for "Roger: …" or ">> ROGER: …"."""
    if ":" not in text and "\uff1a" not in text:
        return None  # most cues: no need for the regexes
    mark = _TURN_MARK.match(text)
    skip = mark.end() if mark else 0
    first = text[skip:].split("\n", 1)[0]
    cue = split_cue(first)
    if cue is None or not any(ch in first[: cue[1]] for ch in ":\uff1a"):
        return None  # a name alone on the line is speech in a subtitle ("Okay")
    return cue[0], skip + cue[1]
