"""The document list: one entry per path, filled in as documents load."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Document
from reader.ui.docinfo import one_line, script_label, speakers, turn_count

MAX_NAMES = 3


def loading_prompt(path: Path) -> Content:
    return Content.assemble(("⋯ ", "dim"), (one_line(path.name), "dim italic"))


def document_prompt(doc: Document) -> Content:
    """Title, then language · script · turns, then the speakers."""
    facts = [doc.language]
    if script_label(doc):
        facts.append(script_label(doc))
    turns = turn_count(doc)
    facts.append(f"{turns} turn" if turns == 1 else f"{turns} turns")
    if doc.damaged:
        facts.append("damaged")
    names = [one_line(name) for name, _ in speakers(doc)]
    shown = ", ".join(names[:MAX_NAMES]) + (f" +{len(names) - MAX_NAMES}" if len(names) > MAX_NAMES else "")
    parts: list[str | tuple[str, str]] = [(one_line(doc.title) or "untitled", "bold"), "\n", (" · ".join(facts), "dim")]
    if shown:
        parts += ["\n", (shown, "dim italic")]
    return Content.assemble(*parts)


def error_prompt(path: Path, message: str) -> Content:
    return Content.assemble(
        ("⚠ ", "$text-error"),
        (one_line(path.name), "dim"),
        "\n",
        (one_line(message), "dim"),
    )


class DocumentList(OptionList):
    """Documents by title; Enter opens one.  Failed files stay listed, dimmed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Documents"

    def set_paths(self, paths: list[Path]) -> None:
        options: list[Option | None] = []
        for i, path in enumerate(paths):
            options += [Option(loading_prompt(path), id=str(i)), None]  # None: a divider
        self.set_options(options[:-1])
        if paths:
            self.highlighted = 0

    def set_loaded(self, index: int, doc: Document) -> None:
        self.replace_option_prompt_at_index(index, document_prompt(doc))

    def set_failed(self, index: int, path: Path, message: str) -> None:
        self.replace_option_prompt_at_index(index, error_prompt(path, message))
