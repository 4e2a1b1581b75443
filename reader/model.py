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


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a transcript: a turn, a heading, a paragraph of narration…"""

    kind: BlockKind
    start: int
    end: int
    speaker: str | None = None
    time: float | None = None  # seconds from the start of the recording


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

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

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
                }
                for b in self.blocks
            ],
        }
