"""Stage directions at the edge of a line: "Thank you. (Applause.)",
"(Laughter.) Well, …", "[Musik] Willkommen".

Recorded transcripts put what the audience did or what could not be heard in
brackets; such a direction at the start or end of a line is not speech, so
it is split off into a line of its own, which :mod:`reader.parse.notes`
then makes a note.  Only brackets holding one of the known words count
(data, several languages): an ordinary parenthetical such as "(Web GPT)"
stays in the speech, and so does a direction inside the sentence
("…回答這個問題(笑)。").
"""

from __future__ import annotations

import re

from reader.parse.lines import Line

_WORDS = [
    # en ("(inaudible)", "(phonetic)" annotate the speech around them: not listed)
    "laughter", "laughs", "laughing", "chuckles", "applause", "crosstalk", "cross-talk", "music",
    "pause", "silence", "sighs", "coughs", "audio clip", "video clip", "break",
    # de
    "lachen", "gelächter", "beifall", "applaus", "musik", "räuspert", "schweigen",
    # zh
    "笑", "掌声", "掌聲", "鼓掌", "音乐", "音樂", "停顿", "停頓", "沉默", "咳嗽",
]
_OPEN, _CLOSE = "([\uff08\uff3b【", ")]\uff09\uff3d】"
_GROUP = rf"[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}\n]{{1,40}}[{re.escape(_CLOSE)}]"
_WHOLE = re.compile(_GROUP)
_AT_END = re.compile(rf"(?<=\S)\s*(?P<stage>{_GROUP})\s*$")
_AT_START = re.compile(rf"(?P<stage>{_GROUP})\s*(?=\S)")
# Latin words whole ("(breakthrough)" is no break); Chinese ones anywhere.
_HAS_WORD = re.compile(
    "|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in _WORDS), re.IGNORECASE
)


def is_stage_direction(text: str) -> bool:
    """``text`` is one bracketed direction such as "(Laughter.)"."""
    return _WHOLE.fullmatch(text) is not None and _HAS_WORD.search(text) is not None


def starts_with_direction(text: str) -> bool:
    match = _AT_START.match(text)
    return match is not None and _HAS_WORD.search(match["stage"]) is not None


def leading_direction(text: str) -> tuple[int, int] | None:
    """(end of the direction, start of the rest) for "(Laughs.) Well, …"."""
    match = _AT_START.match(text) if text[:1] in _OPEN else None
    if match is None or not _HAS_WORD.search(match["stage"]):
        return None
    return match.end("stage"), match.end()


def ends_with_direction(text: str) -> bool:
    match = _AT_END.search(text)
    return match is not None and _HAS_WORD.search(match["stage"]) is not None


def split_stage_directions(lines: list[Line]) -> list[Line]:
    """Each line with a direction at its start or end split in two."""
    out: list[Line] = []
    for line in lines:
        out.extend(_split(line))
    return out


def _split(line: Line) -> list[Line]:
    text = line.text
    if text[0] in _OPEN:
        match = _AT_START.match(text)
        if match and _HAS_WORD.search(match["stage"]):
            rest = Line(line.start + match.end(), line.end, text[match.end() :])
            return [Line(line.start, line.start + match.end("stage"), match["stage"]), *_split(rest)]
    if text[-1] in _CLOSE:
        match = _AT_END.search(text)
        if match and _HAS_WORD.search(match["stage"]):
            head = text[: match.start()]
            stage = Line(line.start + match.start("stage"), line.end, match["stage"])
            return [Line(line.start, line.start + len(head), head), stage]
    return [line]
