"""Timed cues → the readable transcript and its blocks.

Subtitles and speech-recognition output come as short timed pieces (cues,
segments, words).  A reader wants turns, so the pieces are merged:

- a cue with a speaker other than the current one starts a new turn; a cue
  without a speaker (or with the same one) goes on with the current turn —
  a subtitle names the speaker on the first cue of a turn only;
- a cue that is only a stage direction or an aside ("(Laughter.)",
  "[Music]") is a note; the speech after it is the same speaker's turn
  resumed (a continuation block);
- inside a turn a pause of :data:`PAUSE` seconds or more, or a long run of
  text at a sentence end, starts a new paragraph (``\\n`` in the turn);
  without any speaker each paragraph is a narration block of its own, so it
  keeps its time.

The text (``Document.text``) is built here: each turn as ``Name: speech``
(``名字：`` after a Chinese name; paragraphs on their own lines), blocks
separated by a blank line; a block covers the speech only.  Pieces are joined with a space, or directly where
Chinese meets Chinese in word-sized pieces or punctuation.  ``Block.time``
is the start of the block's first cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from reader.model import Block
from reader.parse.clean import HAN
from reader.parse.lines import SENTENCE_END
from reader.parse.notes import is_note
from reader.parse.stage import is_stage_direction
from reader.sanitize import sanitize

PAUSE = 2.5  # seconds of silence that start a new paragraph
PARAGRAPH_CHARS = 1200  # a paragraph this long ends at the next sentence end
NAME_MAX_LEN = 64
_HAN = re.compile(f"[{HAN}]")
# No space before closing punctuation or after opening / Chinese punctuation.
_FULL_WIDTH_PUNCT = "\uff0c\uff01\uff1f\uff1b\uff1a\uff09"  # ，！？；：）
_NO_SPACE_BEFORE = set(",.!?;:)]}%…、。」』】〕”’" + _FULL_WIDTH_PUNCT)
_NO_SPACE_AFTER = set("([{「『【〔“‘、。」』】〕\uff08" + _FULL_WIDTH_PUNCT)
_SPACES = re.compile(r"\s+")
_OPENERS = set("([\uff08\uff3b【〔﹙")


@dataclass(frozen=True, slots=True)
class Cue:
    start: float | None  # seconds
    end: float | None
    text: str  # markup removed; lines separated by "\n"
    speaker: str | None = None


def clean_name(raw: object) -> str | None:
    """A speaker name from untrusted input: one line, no controls, short."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None
    name = _SPACES.sub(" ", sanitize(str(raw))).strip()
    return name[:NAME_MAX_LEN] or None


def one_line(text: str) -> str:
    """A cue's lines as one piece of text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = sanitize(text)
    if "\n" not in text:
        return " ".join(text.split())
    return join_pieces([piece for piece in (" ".join(line.split()) for line in text.split("\n")) if piece])


def join_pieces(pieces: list[str]) -> str:
    if not pieces:
        return ""
    out = [pieces[0]]
    for before, after in pairwise(pieces):
        out.append(_gap(before, after))
        out.append(after)
    return "".join(out)


def _gap(before: str, after: str) -> str:
    left, right = before[-1], after[0]
    if left in _NO_SPACE_AFTER or right in _NO_SPACE_BEFORE:
        return ""
    # "大家" + "好": words of a word-level transcript; "今天我们" + "讨论人工智能"
    # are phrases of a subtitle, where a space marks the pause.
    if _HAN.match(left) and _HAN.match(right) and min(len(before), len(after)) <= 2:
        return ""
    return " "


@dataclass(slots=True)
class _Part:
    kind: str  # "turn", "narration", "note"
    speaker: str | None
    time: float | None
    continuation: bool = False
    paragraphs: list[list[str]] = field(default_factory=list)
    end: float | None = None  # when its last cue ends
    chars: int = 0  # length of its last paragraph


def assemble(cues: list[Cue]) -> tuple[str, list[Block]]:
    """The transcript text and its blocks (see module notes)."""
    return _render(_group(cues))


def _group(cues: list[Cue]) -> list[_Part]:
    parts: list[_Part] = []
    current: _Part | None = None  # the part the next speech may extend
    speaker: str | None = None  # whose turn it is
    for cue in cues:
        text = one_line(cue.text)
        if not text:
            continue
        if _is_aside(text):
            parts.append(_Part("note", None, cue.start, paragraphs=[[text]]))
            current = None
            continue
        if cue.speaker is not None and cue.speaker != speaker:
            speaker = cue.speaker
            current = _start(parts, "turn", speaker, cue, continuation=False)
        elif current is None:
            kind = "turn" if speaker is not None else "narration"
            current = _start(parts, kind, speaker, cue, continuation=speaker is not None)
        elif _new_paragraph(current, cue):
            if current.kind == "narration":
                current = _start(parts, "narration", None, cue, continuation=False)
            else:
                current.paragraphs.append([])
                current.chars = 0
        current.paragraphs[-1].append(text)
        current.chars += len(text) + 1
        current.end = cue.end if cue.end is not None else cue.start
    return parts


def _is_aside(text: str) -> bool:
    if text[0] not in _OPENERS and ":" not in text[:16] and "\uff1a" not in text[:16]:
        return False  # neither bracketed nor "Note:": spare the regexes
    return is_note(text) or is_stage_direction(text)


def _start(parts: list[_Part], kind: str, speaker: str | None, cue: Cue, continuation: bool) -> _Part:
    part = _Part(kind, speaker, cue.start, continuation, [[]])
    parts.append(part)
    return part


def _new_paragraph(part: _Part, cue: Cue) -> bool:
    if part.end is not None and cue.start is not None and cue.start - part.end >= PAUSE:
        return True
    last = part.paragraphs[-1]
    return part.chars >= PARAGRAPH_CHARS and bool(last) and last[-1][-1] in SENTENCE_END + "。"


def _render(parts: list[_Part]) -> tuple[str, list[Block]]:
    chunks: list[str] = []
    blocks: list[Block] = []
    position = 0
    for part in parts:
        if chunks:
            chunks.append("\n\n")
            position += 2
        if part.kind == "turn" and not part.continuation:
            prefix = f"{part.speaker}\uff1a" if _HAN.match(part.speaker[-1]) else f"{part.speaker}: "
            chunks.append(prefix)
            position += len(prefix)
        body = "\n".join(join_pieces(pieces) for pieces in part.paragraphs if pieces)
        chunks.append(body)
        blocks.append(Block(part.kind, position, position + len(body), part.speaker, part.time, part.continuation))
        position += len(body)
    return "".join(chunks), blocks
