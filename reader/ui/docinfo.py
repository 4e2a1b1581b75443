"""Facts about a document that several panes show (list, legend, status)."""

from __future__ import annotations

from collections import Counter

from reader.model import Block, Document
from reader.ui import colors, script

SCRIPT_LABELS = {"hans": "简", "hant": "繁", "mixed": "混"}


def script_label(doc: Document) -> str:
    """简 / 繁 / 混 for Chinese, "" for anything else."""
    return SCRIPT_LABELS.get(doc.script or "", "")


def speakers(doc: Document) -> list[tuple[str, int]]:
    """(name, turns) in order of first appearance.

    The parser's list is used when it has one; otherwise it is counted from
    the turns, so the legend works with any parser."""
    counted = Counter(b.speaker for b in doc.blocks if is_new_turn(b) and b.speaker)
    order = list(dict.fromkeys(b.speaker for b in doc.blocks if b.kind == "turn" and b.speaker))
    known = {s.name: s.turns for s in doc.speakers}
    for name in known:
        if name not in counted:
            order.append(name)
    return [(name, known.get(name, counted[name])) for name in order]


def speaker_colors(doc: Document) -> dict[str, str]:
    return colors.assign_colors(
        [name for name, _ in speakers(doc)],
        fold_script=script.fold_to_simplified,
    )


def is_new_turn(block: Block) -> bool:
    """A turn that starts, not one resumed after an interruption."""
    return block.kind == "turn" and not getattr(block, "continuation", False)


def turn_count(doc: Document) -> int:
    return sum(1 for b in doc.blocks if is_new_turn(b))


def one_line(text: str) -> str:
    """A title or name as one safe line of text."""
    return " ".join(script.sanitize(text).split())
