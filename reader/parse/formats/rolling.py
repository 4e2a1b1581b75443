"""Rolling captions: each cue repeats what is still on screen.

YouTube's automatic captions (the WebVTT of ``yt-dlp --write-auto-subs``),
broadcast roll-up captions and the SubRip made from them show a line, then
that line again with the next one under it, and so on::

    00:00:00.160 --> 00:00:03.429 align:start position:0%
    (a line with one space)
    Linus,<00:00:00.960><c> do</c><00:00:01.520><c> your</c> … <c> is</c>

    00:00:03.429 --> 00:00:03.439 align:start position:0%
    Linus, do your kids think your job is
    (a line with one space)

    00:00:03.439 --> 00:00:05.749 align:start position:0%
    Linus, do your kids think your job is
    cool<00:00:03.760><c> or</c> …

Read cue after cue, every line would come two or three times.
:func:`unroll` keeps each line once, in the cue where it first appears, so
with the earliest time.  Only consecutive cues of the same speaker are
compared, and only what the cue structure shows counts as rolled over:

- a cue whose first lines are the previous cue's last lines, with more
  lines after them, keeps only the new lines.  This holds in any file: it
  is what a roll-up looks like, and a subtitle that builds a second line up
  under the first is read once too;
- a file where that, or the next rule, holds for at least a quarter of
  the cues, and twice at least, is *rolling*.  There, in addition, a cue
  that only repeats the previous cue's last lines (YouTube's 10 ms cue
  between two lines) goes, and a cue that is the previous one with more
  words on its last line (captions written out word by word) is merged
  into it, which keeps the earlier start.  Both only when the cue follows
  at once (:data:`TOUCHING`): after a silence the screen starts afresh,
  and a line said again is new.  A repeat followed by a cue that adds
  lines under it counts as two steps of a roll-up.

Anywhere else a cue that repeats the previous one — "Yes." after "Yes." —
is speech said twice, and stays; unless it is shown too briefly to be read
(:data:`FLASH`), as YouTube's 10 ms cues are (such a cue also counts as
a step of a roll-up).  A file with no cue that builds on the one
before it is returned as it is.
"""

from __future__ import annotations

import re

from reader.parse.clean import HAN
from reader.parse.formats.cues import Cue
from reader.sanitize import sanitize

ROLL_LINES = 4  # lines a roll-up keeps on screen (CEA-608 rolls up 2 to 4)
TOUCHING = 0.5  # seconds: a repeat or a growth follows the cue before it at once
FLASH = 0.05  # seconds: too short to read, a cue shown for less only moves lines on screen
_SPACELESS = re.compile(f"[{HAN}\u3040-\u30ff]")  # scripts written without spaces between words

_Lines = tuple[list[str], list[str]]  # a cue's non-blank lines, and their keys


def unroll(cues: list[Cue]) -> list[Cue]:
    """``cues`` with rolled-over text removed (see module notes)."""
    lines = [_lines(cue.text) for cue in cues]
    pairs = evidence = 0
    previous: int | None = None
    repeated = False  # the previous cue repeated the one before it
    for k, cue in enumerate(cues):
        if not lines[k][1]:
            continue
        step = _step(cues[previous], lines[previous][1], cue, lines[k][1]) if previous is not None else None
        if step is not None:
            pairs += 1
            if step[0] == "adds":
                evidence += 2 if repeated else 1  # a repeat, then lines under it: two steps of a roll-up
            elif step[0] == "grows" or (step[0] == "repeats" and _flash(cue)):
                evidence += 1
        previous, repeated = k, step is not None and step[0] == "repeats"
    if not evidence:
        return cues
    return _unroll(cues, lines, rolling=evidence >= 2 and evidence * 4 >= pairs)


def _step(previous: Cue, shown: list[str], cue: Cue, keys: list[str]) -> tuple[str, int] | None:
    """How ``cue`` (its line keys ``keys``) follows ``previous`` (``shown``):
    ("adds", n) — its first n lines are the last ones shown, more follow;
    ("repeats", n) — it is the last n lines shown, at once;
    ("grows", i) — its line i is the last line shown with more words, at once;
    ("new", 0) — none of these; None if the speakers differ."""
    if previous.speaker != cue.speaker:
        return None
    overlap = _overlap(shown, keys)
    touching = cue.start is None or previous.end is None or cue.start - previous.end <= TOUCHING
    if overlap and overlap < len(keys):
        return "adds", overlap
    if overlap and touching:
        return "repeats", overlap
    grown = _grown(shown, keys) if touching and not overlap else None
    return ("grows", grown) if grown is not None else ("new", 0)


def _unroll(cues: list[Cue], lines: list[_Lines], rolling: bool) -> list[Cue]:
    out: list[Cue] = []
    previous: Cue | None = None
    shown: list[str] = []  # the previous cue's line keys: what was on screen
    for cue, (raw, keys) in zip(cues, lines):
        if not keys:
            continue
        step = _step(previous, shown, cue, keys) if previous is not None else None
        kind, n = step or ("new", 0)
        if kind == "adds":
            out.append(_with_lines(cue, raw[n:]))
        elif kind == "repeats" and (rolling or _flash(cue)):
            pass  # on screen already
        elif kind == "grows" and rolling:
            _merge(out, cue, shown[-1], raw[n], keys[n])
            if n + 1 < len(keys):
                out.append(_with_lines(cue, raw[n + 1 :]))
        else:
            out.append(cue)
        previous, shown = cue, keys
    return out


def _flash(cue: Cue) -> bool:
    return cue.start is not None and cue.end is not None and cue.end - cue.start < FLASH


def _lines(text: str) -> _Lines:
    """The cue's non-blank lines, and each as compared: whitespace collapsed
    (control characters count as the visible symbols they become)."""
    raw: list[str] = []
    keys: list[str] = []
    for line in text.split("\n"):
        key = " ".join(sanitize(line).split())
        if key:
            raw.append(line)
            keys.append(key)
    return raw, keys


def _overlap(shown: list[str], keys: list[str]) -> int:
    """How many of the first lines of ``keys`` are the last lines of ``shown``."""
    for n in range(min(len(shown), len(keys), ROLL_LINES), 0, -1):
        if shown[-n:] == keys[:n]:
            return n
    return 0


def _grown(shown: list[str], keys: list[str]) -> int | None:
    """The index of the line of ``keys`` that is the last line of ``shown``
    with more words after it, all lines before being the same; else None."""
    last = len(shown) - 1
    if last < 0 or len(keys) <= last or keys[:last] != shown[:last]:
        return None
    head, line = shown[last], keys[last]
    if len(line) <= len(head) or not line.startswith(head):
        return None
    before, after = head[-1], line[len(head)]
    mid_word = before.isalnum() and after.isalnum() and not (_SPACELESS.match(before) or _SPACELESS.match(after))
    return None if mid_word else last


def _merge(out: list[Cue], cue: Cue, head: str, line: str, key: str) -> None:
    """The grown ``line`` replaces ``head``, the last line of the cue shown
    last, keeping that cue's start; or its new words are a cue of their own
    if that cue does not end with ``head``."""
    if out and out[-1].speaker == cue.speaker:
        last = out[-1]
        raw, keys = _lines(last.text)
        if keys[-1:] == [head]:
            end = last.end if cue.end is None else cue.end if last.end is None else max(last.end, cue.end)
            out[-1] = Cue(last.start, end, "\n".join([*raw[:-1], line]), last.speaker)
            return
    out.append(Cue(cue.start, cue.end, key[len(head) :].strip(), cue.speaker))


def _with_lines(cue: Cue, raw: list[str]) -> Cue:
    return Cue(cue.start, cue.end, "\n".join(raw), cue.speaker)
