"""Facts about a document that several panes show (list, legend, status)."""

from __future__ import annotations

from reader import metacache
from reader.model import Block, Document
from reader.ui.memo import per_document
from reader.ui.script import display as script
from reader.ui.transcript import colors

SCRIPT_LABELS = {"hans": "简", "hant": "繁", "mixed": "混"}


def script_label(doc: Document) -> str:
    """简 / 繁 / 混 for Chinese, "" for anything else."""
    return SCRIPT_LABELS.get(doc.script or "", "")


@per_document
def speakers(doc: Document) -> list[tuple[str, int]]:
    """(name, turns) in order of first appearance, counted once per document.

    The parser's list is used when it has one; otherwise it is counted from
    the turns, so the legend works with any parser."""
    return metacache.speaker_turns(doc)


def speaker_colors(doc: Document) -> dict[str, str]:
    return colors.assign_colors(
        [name for name, _ in speakers(doc)],
        fold_script=script.fold_to_simplified,
    )


def is_new_turn(block: Block) -> bool:
    """A turn that starts, not one resumed after an interruption."""
    return block.kind == "turn" and not getattr(block, "continuation", False)


@per_document
def turn_count(doc: Document) -> int:
    return metacache.turn_count(doc)


def one_line(text: str) -> str:
    """A title or name as one safe line of text."""
    return " ".join(script.sanitize(text).split())
