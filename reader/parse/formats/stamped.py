"""Lines with a timestamp before the speaker: ``[00:01:02] Name`` with the
speech on the lines below, or ``[1:02] Name: speech`` on one line.

Detected by content: names after a stamp that recur (and once two names
recur, every name after a stamp counts, as for subtitles).  The name may be
any short label ("interviewer", "Dr. med. Müller").  A speech line with a
stamp of its own keeps its time as a continuation block.
"""

from __future__ import annotations

from collections import Counter

from reader.parse.hints import Hint, Hints
from reader.parse.lines import Line
from reader.parse.speakers import colon_cue, is_label
from reader.parse.timing import leading_stamp


def _stamped_cue(lines: list[Line], i: int) -> tuple[str, int, float] | None:
    """(name, offset of the speech, seconds) for a stamped cue at line ``i``."""
    text = lines[i].text
    lead = leading_stamp(text)
    if lead is None:
        return None
    seconds, offset = lead
    rest = text[offset:]
    cue = colon_cue(rest)
    if cue is not None and is_label(cue[0]):
        return cue[0], offset + cue[1], seconds
    speech_below = i + 1 < len(lines) and leading_stamp(lines[i + 1].text) is None
    return (rest, len(text), seconds) if speech_below and is_label(rest) else None


def annotate(lines: list[Line], hints: Hints) -> bool:
    """Hint the stamped cues; whether there were any."""
    found = [(i, cue) for i in range(len(lines)) if hints[i] is None and (cue := _stamped_cue(lines, i))]
    counts = Counter(cue[0] for _, cue in found)
    names = {name for name, count in counts.items() if count >= 2}
    if len(names) >= 2:
        names = set(counts)
    for i, (name, offset, seconds) in found:
        if name in names:
            hints[i] = Hint(speaker=name, offset=offset, time=seconds)
    return bool(names)
