"""The sidebar: the document's outline and its speaker legend.

Sections are stacked so that later ones (highlights, notes) can join them."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.style import Style
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Block, Document
from reader.ui.docinfo import one_line, speakers

Show = Callable[[str], str]  # the display transform for short texts


class Outline(OptionList):
    """Headings of the document; Enter jumps to one."""

    def __init__(self) -> None:
        super().__init__(id="outline", markup=False)
        self.border_title = "Outline"
        self.blocks: list[int] = []

    def set_document(self, doc: Document | None, show: Show) -> None:
        headings = [(i, b) for i, b in enumerate(doc.blocks) if b.kind == "heading"] if doc else []
        self.blocks = [i for i, _ in headings]
        if not headings:
            self.set_options([Option(Content.styled("No headings", "dim italic"), disabled=True)])
            return
        self.set_options(Option(heading_prompt(doc, b, show), id=str(i)) for i, b in headings)  # type: ignore[arg-type]

    def mark(self, heading: int | None) -> None:
        """Highlight the section the reader is in, without taking focus."""
        if heading is not None and self.blocks and self.highlighted != heading:
            self.highlighted = heading


def heading_prompt(doc: Document, block: Block, show: Show) -> Content:
    """A heading on one line (a title broken over lines is joined), bulleted
    so that entries that wrap stay apart."""
    single = getattr(doc, "single_line", None)  # the parser's joining rules, when it has them
    text = single(block) if single else doc.block_text(block)
    return Content.assemble(("• ", "dim"), one_line(show(text)))


def legend_content(doc: Document, colors: dict[str, str], show: Show) -> Content:
    rows = speakers(doc)
    if not rows:
        return Content.styled("No speakers", "dim italic")
    lines = []
    for name, turns in rows:
        swatch = Style(foreground=Color.parse(colors.get(name, "#808080")), bold=True)
        count = f"{turns} turn" if turns == 1 else f"{turns} turns"
        lines.append(Content.assemble(("██ ", swatch), (one_line(show(name)), swatch), "  ", (count, "dim")))
    return Content("\n").join(lines)


class Legend(Static):
    """Each speaker with their colour and number of turns."""

    def __init__(self) -> None:
        super().__init__(id="legend", markup=False)
        self.border_title = "Speakers"

    def set_document(self, doc: Document | None, colors: dict[str, str], show: Show) -> None:
        self.update(legend_content(doc, colors, show) if doc else Content(""))


class Sidebar(Vertical):
    def compose(self) -> ComposeResult:
        yield Outline()
        yield Legend()

    def set_document(self, doc: Document | None, colors: dict[str, str], show: Show) -> None:
        self.query_one(Outline).set_document(doc, show)
        self.query_one(Legend).set_document(doc, colors, show)
