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
from reader.ui.documents.docinfo import one_line, speakers
from reader.ui.sidebar.keywords import KeywordsPanel
from reader.ui.sidebar.highlights import HighlightsPanel
from reader.ui.transcript.lines import wrap

Show = Callable[[str], str]  # the display transform for short texts

OPTION_PADDING = 2  # the list's padding around each option
FILL_BATCH = 60  # headings listed per frame


class Outline(OptionList):
    """Headings of the document; Enter jumps to one.

    Entries are wrapped here, CJK-aware and with a hanging indent, rather
    than by the list (which would only break at spaces)."""

    def __init__(self) -> None:
        super().__init__(id="outline", markup=False)
        self.border_title = "Outline"
        self.blocks: list[int] = []
        self._texts: list[str] = []
        self._width = 0
        self._filling = 0  # a new fill makes the batches of the last one stop
        self._wanted: int | None = None  # the heading to mark once the fill reaches it

    def set_document(self, doc: Document | None, show: Show) -> None:
        headings = [(i, b) for i, b in enumerate(doc.blocks) if b.kind == "heading"] if doc else []
        blocks = [i for i, _ in headings]
        texts = [heading_text(doc, b, show) for _, b in headings]  # type: ignore[arg-type]
        if blocks == self.blocks and texts == self._texts and self.option_count:
            return  # a script mode that changes no heading: keep the list (and its cost)
        self.blocks, self._texts = blocks, texts
        self._fill()

    def _fill(self) -> None:
        """List the headings: the first screenful now, the rest a batch per
        frame (a 10 MB transcript has ~550: 60 ms at once, when the reader
        may be paging through it)."""
        self._filling += 1
        if not self.blocks:
            self.set_options([Option(Content.styled("No headings", "dim italic"), disabled=True)])
            return
        self.set_options(self._batch(0, FILL_BATCH))
        self._fill_from(self._filling, FILL_BATCH, self.highlighted)

    def _fill_from(self, filling: int, start: int, highlighted: int | None) -> None:
        if filling != self._filling:
            return  # another document, or width: a new fill is under way
        if start < len(self.blocks):
            self.add_options(self._batch(start, start + FILL_BATCH))
            self.call_after_refresh(self._fill_from, filling, start + FILL_BATCH, highlighted)
        else:
            wanted = self._wanted if self._wanted is not None else highlighted
            if wanted is not None and wanted < len(self.blocks):
                self.highlighted = wanted
            self._wanted = None

    def _batch(self, start: int, end: int) -> list[Option]:
        width = max(4, self._width or 24)
        return [Option(bulleted(self._texts[i], width), id=str(self.blocks[i])) for i in range(start, min(end, len(self.blocks)))]

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width - OPTION_PADDING
        if width != self._width:
            self._width = width
            self._fill()

    def mark(self, heading: int | None) -> None:
        """Highlight the section the reader is in, without taking focus."""
        if heading is not None and heading >= self.option_count:
            self._wanted = heading  # not listed yet: marked once it is (_fill_from)
        elif heading is not None and self.blocks and self.highlighted != heading:
            self.highlighted = heading


def heading_text(doc: Document, block: Block, show: Show) -> str:
    """A heading on one line: a title broken over lines is joined."""
    single = getattr(doc, "single_line", None)  # the parser's joining rules, when it has them
    return one_line(show(single(block) if single else doc.block_text(block)))


def bulleted(text: str, width: int) -> Content:
    """``• text`` wrapped to ``width`` cells with a hanging indent."""
    lines = [text[s:e].rstrip() for s, e in wrap(text, width - 2)]
    return Content.assemble(("• ", "dim"), "\n\u00a0\u00a0".join(lines))  # no-break spaces: kept


def legend_content(doc: Document, colors: dict[str, str], show: Show, rows: list[tuple[str, int]] | None = None) -> Content:
    rows = speakers(doc) if rows is None else rows
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
        self._rows: tuple[Document | None, list[tuple[str, int]]] = (None, [])

    def set_document(self, doc: Document | None, colors: dict[str, str], show: Show) -> None:
        if doc is None:
            self.update(Content(""))
            return
        if self._rows[0] is not doc:  # counted once per document, not per script switch
            self._rows = (doc, speakers(doc))
        self.update(legend_content(doc, colors, show, self._rows[1]))


class Sidebar(Vertical):
    def compose(self) -> ComposeResult:
        yield Outline()
        yield HighlightsPanel()  # filled by the highlight controller (reader.ui.annotate.highlights)
        yield Legend()
        yield KeywordsPanel()

    def set_document(self, doc: Document | None, colors: dict[str, str], show: Show) -> None:
        self.query_one(Outline).set_document(doc, show)
        self.query_one(Legend).set_document(doc, colors, show)
        self.query_one(KeywordsPanel).set_document(doc, show)
