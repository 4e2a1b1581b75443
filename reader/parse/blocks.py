"""Lines → blocks: the segmentation walk.

Each non-blank line is first classified on its own (boilerplate, note,
labelled heading, section number, or text); speakers are the recurring cue
names (:mod:`reader.parse.speakers`).  One walk then builds the blocks:

- a cue starts a new turn; the turn's block covers the speech only (not the
  ``Name:`` prefix, nor a name line of its own);
- a paragraph without a cue after a turn continues that turn, and a turn that
  goes on over several paragraphs is **one block** whose text holds the
  ``\\n`` between them (so the reader shows one turn, one speaker label);
- an interruption that must stay a block of its own (web chrome such as
  "Siehe auch …", a note in parentheses) splits a turn: the speech after it
  is a further turn block of the same speaker with ``continuation=True``, and
  it does not count as a new turn;
- a heading ends the current turn: after it, text without a cue is narration
  — unless the article declared whose voice the text is in (a monologue),
  in which case it is a new turn of that speaker;
- headings: a labelled heading ("Topic 3: …"); a section number alone on a
  line together with the short title lines after it ("01\\nOpenAI目前受到\\n
  GPU的嚴重限制" is one heading block spanning the lines); a short line that
  is not a sentence, just before a speaker cue (a section title between
  turns); the first line of the article if it reads as a title;
- a stage direction right after a cue ("Ben: (Laughs.) Well…") is a note
  before the turn (one at the edge of any other line is a line of its own,
  :mod:`reader.parse.stage`);
- a "△" image marker on its own line takes the caption line after it into
  its boilerplate block;
- timings (:mod:`reader.parse.timing`) make no block: the next block gets
  the time; a subtitle's sequence number before a timing is dropped too.
  A timing line ends the open turn (its text must not end up inside the
  turn's block), and so does a speech line with a stamp of its own, so that
  the stamp is kept as the time of a continuation block;
- a format module may know better than these guesses: its
  :class:`~reader.parse.hints.Hint` for a line fixes the line's kind, cue
  and time (:mod:`reader.parse.formats`);
- everything else is narration, one block per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model import Block
from reader.parse.boilerplate import CAPTION_MARKERS, is_boilerplate
from reader.parse.headings import NUMBER_TITLE_MAX_LINES, is_labelled_heading, is_number_title_line, is_section_number
from reader.parse.hints import Hint, Hints
from reader.parse.lines import SENTENCE_END, Line, is_punctuation_only, is_title_shaped
from reader.parse.notes import is_note
from reader.parse.speakers import declared_voice, find_speakers, is_name, split_cue
from reader.parse.stage import leading_direction
from reader.parse.timing import leading_stamp, timing_line, trailing_stamp

_BETWEEN_TURNS_HEADING_MAX_LEN = 40
_CAPTION_MAX_LEN = 40


def classify(text: str) -> str:
    """The kind a line has on its own: boilerplate, note, heading, number, text."""
    if is_boilerplate(text):
        return "boilerplate"
    if is_labelled_heading(text):
        return "heading"
    if is_section_number(text):
        return "number"
    if is_note(text):
        return "note"
    return "text"


def _untimed(lines: list[Line], hints: Hints) -> tuple[list[Line], list[float | None], list[str]]:
    """The lines without their timestamps, each line's time, and each line's
    kind ("timing" for a line that is only a timing); a hinted line as hinted."""
    untimed: list[Line] = []
    times: list[float | None] = []
    kinds: list[str] = []
    for line, hint in zip(lines, hints):
        if hint is not None:
            untimed.append(line)
            times.append(hint.time)
            kinds.append(hint.kind)
            continue
        line, seconds, kind = _untime(line)
        untimed.append(line)
        times.append(seconds)
        kinds.append(kind or classify(line.text))
    return untimed, times, kinds


def _untime(line: Line) -> tuple[Line, float | None, str | None]:
    seconds = timing_line(line.text)
    if seconds is not None:
        return line, seconds, "timing"
    lead = leading_stamp(line.text)
    if lead is not None:
        seconds, offset = lead
        line = Line(line.start + offset, line.end, line.text[offset:])
    trail = trailing_stamp(line.text)
    if trail is not None and is_name(line.text[: trail[1]]):  # "Kevin Scott  0:03"
        seconds, length = trail
        line = Line(line.start, line.start + length, line.text[:length])
    return line, seconds, None


@dataclass(slots=True)
class _Walk:
    lines: list[Line]
    kinds: list[str]
    # cues[i]: (speaker, offset of the speech in the line) or None
    cues: list[tuple[str, int] | None]
    times: list[float | None]
    speakers_found: bool
    hints: Hints
    blocks: list[Block] = field(default_factory=list)
    speaker: str | None = None  # whose speech a paragraph without a cue is
    voice: str | None = None  # the declared voice of a monologue
    fresh: bool = False  # the next speech starts a new turn
    open: bool = False  # the last block is a turn the next speech extends
    open_end: int | None = None  # where that turn ends now, if it grew
    started: bool = False  # a block other than boilerplate has been added
    time: float | None = None  # the time the next block starts at, if known

    def take_time(self) -> float | None:
        time, self.time = self.time, None
        return time

    def add(self, kind: str, start: int, end: int) -> None:
        self.close_turn()
        self.blocks.append(Block(kind, start, end, time=self.take_time()))
        self.started = self.started or kind != "boilerplate"

    def speech(self, start: int, end: int) -> None:
        # A line with a stamp of its own starts a block, to keep the time.
        if self.open and self.blocks[-1].speaker == self.speaker and self.time is None:
            self.open_end = end  # the turn goes on; its block is rebuilt once, when it closes
            return
        self.close_turn()
        self.blocks.append(Block("turn", start, end, self.speaker, self.take_time(), not self.fresh))
        self.fresh, self.open, self.started = False, True, True

    def close_turn(self) -> None:
        if self.open_end is not None:
            last = self.blocks[-1]
            self.blocks[-1] = Block(last.kind, last.start, self.open_end, last.speaker, last.time, last.continuation)
        self.open, self.open_end = False, None

    def new_section(self) -> None:
        """After a heading, speech needs a new cue — or is the declared voice's."""
        self.close_turn()
        self.speaker, self.fresh = self.voice, True

    def start_voice(self, text: str) -> None:
        if self.speakers_found or self.voice is not None:
            return
        voice = declared_voice(text)
        if voice is not None:
            self.voice = voice
            self.new_section()


def segment(lines: list[Line], hints: Hints | None = None) -> list[Block]:
    hints = hints if hints is not None else [None] * len(lines)
    lines, times, kinds = _untimed(lines, hints)
    texts = [line.text for line in lines]
    usable = [kind == "text" and hint is None for kind, hint in zip(kinds, hints)]
    for i in range(len(lines) - 1):
        if texts[i] in CAPTION_MARKERS:
            usable[i + 1] = False  # a caption naming a person is not a cue
    candidates = [split_cue(text) if ok else None for text, ok in zip(texts, usable)]
    # A name a format module vouched for is a speaker wherever it is a cue.
    speakers = find_speakers(texts, usable, candidates) | {h.speaker for h in hints if h is not None and h.speaker}
    cues = [cue if cue is not None and cue[0] in speakers else None for cue in candidates]
    forced = _hinted_cues(hints, cues)
    walk = _Walk(lines, kinds, cues, times, bool(speakers) or forced, hints)
    i = 0
    while i < len(lines):
        if walk.times[i] is not None:
            walk.time = walk.times[i]
        i = _step(walk, i)
    walk.close_turn()
    return walk.blocks


def _hinted_cues(hints: Hints, cues: list[tuple[str, int] | None]) -> bool:
    """Put the hinted cues into ``cues``; whether there were any."""
    forced = False
    for i, hint in enumerate(hints):
        if hint is not None and hint.speaker is not None:
            cues[i] = (hint.speaker, hint.offset)
            forced = True
    return forced


def _step(walk: _Walk, i: int) -> int:
    """Handle line ``i``; return the index of the next unhandled line."""
    line, kind = walk.lines[i], walk.kinds[i]
    if kind in ("timing", "skip") or (kind == "number" and i + 1 < len(walk.lines) and walk.kinds[i + 1] == "timing"):
        walk.close_turn()
        return i + 1  # a timing, or a subtitle's sequence number
    if kind == "boilerplate":
        hint: Hint | None = walk.hints[i]
        end = hint.through if hint is not None and hint.through is not None else _caption_end(walk, i)
        walk.add("boilerplate", line.start, walk.lines[end].end)
        return end + 1
    if kind == "heading":
        walk.add("heading", line.start, line.end)
        walk.new_section()
        return i + 1
    if kind == "note":
        walk.add("note", line.start, line.end)
        walk.start_voice(line.text)
        return i + 1
    if kind == "number":
        last = _number_title_end(walk, i)
        if last > i:
            walk.add("heading", line.start, walk.lines[last].end)
            walk.new_section()
            return last + 1
    return _text(walk, i)


def _text(walk: _Walk, i: int) -> int:
    line = walk.lines[i]
    cue = walk.cues[i]
    if cue is not None:
        walk.close_turn()
        walk.speaker, walk.fresh, walk.started = cue[0], True, True
        start = line.start + cue[1]
        direction = leading_direction(line.text[cue[1] :])
        if direction is not None:  # "Ben: (Laughs.) Well…": the direction is a note before the turn
            walk.add("note", start, start + direction[0])
            walk.fresh, start = True, start + direction[1]
        if start < line.end:
            walk.speech(start, line.end)
        return i + 1
    if _is_title_line(walk, i) or _is_heading_before_cue(walk, i):
        walk.add("heading", line.start, line.end)
        walk.new_section()
    elif walk.speaker is not None:
        walk.speech(line.start, line.end)
    else:
        walk.add("narration", line.start, line.end)
        walk.start_voice(line.text)
    return i + 1


def _is_title_line(walk: _Walk, i: int) -> bool:
    """The article's first meaningful line, when it reads as a title."""
    if walk.started:
        return False
    text = walk.lines[i].text
    return text[-1] not in ":\uff1a" and is_title_shaped(text)


def _is_heading_before_cue(walk: _Walk, i: int) -> bool:
    """A short non-sentence line right before a speaker cue: a section title
    between turns (a question ending in "?" is speech, not a title)."""
    text = walk.lines[i].text
    if not walk.speakers_found or text[-1] in SENTENCE_END + ":\uff1a" or is_punctuation_only(text):
        return False
    if not is_title_shaped(text, _BETWEEN_TURNS_HEADING_MAX_LEN):
        return False
    j = i + 1
    while j < len(walk.lines) and walk.kinds[j] == "boilerplate":
        j += 1
    return j < len(walk.lines) and walk.cues[j] is not None


def _number_title_end(walk: _Walk, i: int) -> int:
    """The last title line after the section number at ``i`` (``i`` if none)."""
    last = i
    while (
        last + 1 < len(walk.lines)
        and last - i < NUMBER_TITLE_MAX_LINES
        and walk.kinds[last + 1] == "text"
        and walk.cues[last + 1] is None
        and is_number_title_line(walk.lines[last + 1].text)
    ):
        last += 1
    return last


def _caption_end(walk: _Walk, i: int) -> int:
    """A lone "△" marks an image; its caption is the short line after it."""
    if walk.lines[i].text not in CAPTION_MARKERS or i + 1 >= len(walk.lines):
        return i
    caption = walk.lines[i + 1].text
    if walk.kinds[i + 1] == "text" and walk.cues[i + 1] is None and len(caption) <= _CAPTION_MAX_LEN:
        if caption[-1] not in SENTENCE_END:
            return i + 1
    return i
