"""Finding the cues of a subtitle file (SubRip and WebVTT alike).

A cue is a timing line ``00:00:03,000 --> 00:00:07,500`` (``,`` or ``.``
before the milliseconds; hours optional, as WebVTT allows) followed by its
text.  Real files are sloppy, so the text of a cue is everything up to the
next timing line, except:

- the line just before the next timing when it is the next cue's number
  (SubRip), or follows a blank line (a WebVTT cue identifier);
- WebVTT ``NOTE``, ``STYLE`` and ``REGION`` blocks;
- whatever comes before the first timing (a header, the first number).

Blank lines inside a cue's text are kept as line breaks.  Linear, and cheap
per cue: a 10 MB file (75,000 to 140,000 cues) parses in about a second.

Speakers are named by a ``Name:`` prefix on the first cue of a turn
(:func:`name_prefixes`); WebVTT may use voice tags instead (:mod:`.vtt`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reader.parse.formats.cues import Cue, clean_name
from reader.parse.speakers import split_cue

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?[ \t]*")
_BLOCK_WORDS = (["NOTE"], ["STYLE"], ["REGION"])  # WebVTT blocks that are no cue text


@dataclass(frozen=True, slots=True)
class RawCue:
    start: float
    end: float
    text: str  # the cue's lines, outer blank lines and whitespace stripped


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
    """The cues of ``text`` (newlines already ``\\n``).  String slices, not
    lists of lines: a 10 MB file has a hundred thousand cues or more."""
    timings = list(_timing_lines(text))
    cues: list[RawCue] = []
    for k, (_, line_end, start, end) in enumerate(timings):
        last = k + 1 == len(timings)
        body = text[line_end + 1 : len(text) if last else timings[k + 1][0]].strip()
        if not last:
            body = _drop_next_identifier(body, vtt)
        if vtt and "\n\n" in body:
            body = _drop_vtt_blocks(body)
        cues.append(RawCue(start, end, body))
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


def _drop_next_identifier(body: str, vtt: bool) -> str:
    """``body`` without its last line if that is the next cue's number, or
    (WebVTT) an identifier after a blank line."""
    cut = body.rfind("\n")
    last = body[cut + 1 :].strip()
    if last.isdigit():
        return body[: max(cut, 0)].rstrip()
    if vtt and cut >= 0:
        rest = body[:cut]
        if not rest[rest.rfind("\n") + 1 :].strip():  # the line before it is blank
            return rest.rstrip()
    return body


def _drop_vtt_blocks(body: str) -> str:
    """Drop the paragraphs after the cue text that are NOTE/STYLE/REGION blocks."""
    paragraphs = body.split("\n\n")
    kept = [paragraphs[0]] + [p for p in paragraphs[1:] if p.strip().split(maxsplit=1)[:1] not in _BLOCK_WORDS]
    return "\n\n".join(kept).strip()


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
    name = clean_name(cue[0])  # the raw text is not cleaned yet: no control character may reach the name
    return (name, skip + cue[1]) if name else None
