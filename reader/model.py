"""The document model shared by the core, the CLI and the UI.

Every block points into ``Document.text`` (the cleaned text) by code-point
offsets, so highlights, search hits and keyword spans can be stored as plain
``(start, end)`` pairs and survive re-rendering in any script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["heading", "turn", "narration", "note", "boilerplate"]
Script = Literal["hans", "hant", "mixed"]


# Marks after which a broken line continues without a space.
_TIGHT_AFTER = ",\uff0c\u3001;\uff1b:\uff1a"


def clock(seconds: float) -> str:
    """A time as a reader writes it: 3:12, or 1:03:12 from an hour on."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a transcript: a turn, a heading, a paragraph of narration…"""

    kind: BlockKind
    start: int
    end: int
    speaker: str | None = None
    time: float | None = None  # seconds from the start of the recording
    # A turn block that resumes the speaker's turn after an interruption (an
    # ad, a note) rather than starting a new turn; Speaker.turns skips these.
    continuation: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    turns: int


@dataclass(slots=True)
class Document:
    text: str  # the cleaned text every offset points into
    blocks: list[Block]
    title: str
    language: str  # BCP-47-ish primary tag: "zh", "de", "en"; "und" if unknown
    script: Script | None  # Chinese script, None for non-Chinese text
    encoding: str = "utf-8"
    damaged: bool = False  # undecodable bytes or characters lost in the source
    path: Path | None = None
    speakers: list[Speaker] = field(default_factory=list)
    # The source's format: "text", "srt", "vtt", "otter", "timestamped",
    # "markdown", "qa", "whisper", "podcast-json" (reader.parse.formats).
    format: str = "text"

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def single_line(self, block: Block) -> str:
        """The block's text on one line, e.g. a heading whose title is broken
        over several lines ("01\nOpenAI目前受到\nGPU的嚴重限制" →
        "01 OpenAI目前受到 GPU的嚴重限制"): lines are joined by a space (a broken
        title is often a title and a subtitle), directly after a comma-like mark."""
        lines = [line.strip() for line in self.block_text(block).split("\n") if line.strip()]
        joined = lines[0] if lines else ""
        for line in lines[1:]:
            joined += line if joined[-1] in _TIGHT_AFTER else " " + line
        return joined

    @property
    def turns(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "turn"]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def to_json(self) -> dict:
        """The object `reader parse --json` prints."""
        return {
            "path": str(self.path) if self.path else None,
            "title": self.title,
            "language": self.language,
            "script": self.script,
            "encoding": self.encoding,
            "format": self.format,
            "damaged": self.damaged,
            "speakers": [{"name": s.name, "turns": s.turns} for s in self.speakers],
            "blocks": [
                {
                    "kind": b.kind,
                    "speaker": b.speaker,
                    "text": self.block_text(b),
                    "start": b.start,
                    "end": b.end,
                    "time": b.time,
                    "continuation": b.continuation,
                }
                for b in self.blocks
            ],
        }
