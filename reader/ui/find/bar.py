"""The find bar (``/``): incremental find in the open document.

Every key press finds all hits at once with a :class:`reader.search.Finder`
(the document folded once per document, so a query in simplified finds
traditional text and Latin letters match in any case), draws them on the
transcript's "find" layer and the current one, more strongly, on
"find-current".  Spans are source offsets: the transcript maps them onto the
converted text, so hits land right in every script mode.

Keys: Enter / Down next hit, shift+Enter / Up previous (in the bar), Tab
back to the transcript, where n / N step on (app bindings); Escape closes the
bar and clears the hits.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from reader.model import Document
from reader.search import Finder, Hit

if TYPE_CHECKING:
    from reader.ui.transcript.view import TranscriptView

FIND, CURRENT = "find", "find-current"  # the transcript's span layers
MAX_HITS = 20_000  # drawn and counted; a one-letter query in 10 MB finds more
FINDERS = 4  # documents whose folded text is kept


class FindBar(Horizontal):
    """An Input for the query and the hit count ("3/17"), under the panes."""

    BINDINGS = [
        Binding("escape", "close", "Close find", show=False),
        Binding("down", "step(True)", "Next hit", show=False),
        Binding("shift+enter,up", "step(False)", "Previous hit", show=False),
        Binding("tab", "leave", "Back to the transcript", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="find")
        self.query_text = ""  # the query the hits are for
        self.hits: list[Hit] = []
        self.current: int | None = None  # index into hits
        self._origin = 0  # source offset the find started from
        self._finders: list[tuple[Document, Finder]] = []

    def compose(self) -> ComposeResult:
        yield Static("Find", id="find-label", markup=False)
        yield Input(placeholder="in this document (any script, any case)", id="find-input")
        yield Static("", id="find-count", markup=False)

    @property
    def view(self) -> TranscriptView:
        return self.app.transcript  # type: ignore[attr-defined]

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    @property
    def is_open(self) -> bool:
        return self.display

    # --- opening and closing --------------------------------------------------------

    def open(self) -> None:
        """Show the bar and put the cursor in it (the query selected, so
        typing replaces it); hits are sought from the top of the screen."""
        if not self.is_open:
            self._origin = self._top_offset()
        self.display = True
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        """Hide the bar, forget the query and remove the hits from the text."""
        self.display = False
        self.query_text, self.hits, self.current = "", [], None
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.view.clear_spans(FIND)
        self.view.clear_spans(CURRENT)
        self._show_count()
        if self.has_focus_within:
            self.view.focus()

    def action_close(self) -> None:
        self.close()

    def action_leave(self) -> None:
        self.view.focus()

    # --- finding --------------------------------------------------------------------

    @on(Input.Changed, "#find-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.query_text:
            self.find(event.value)

    @on(Input.Submitted, "#find-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.step(True)

    def find(self, query: str, at: int | None = None) -> None:
        """Find ``query`` in the open document; the current hit is the first
        at or after ``at`` (default: where the find started)."""
        self.query_text = query
        doc = self.view.document
        self.hits = self._finder(doc).find(query, MAX_HITS) if doc is not None else []
        self.current = None
        if self.hits:
            origin = self._origin if at is None else at
            self.current = bisect_left(self.hits, origin, key=lambda hit: hit.start) % len(self.hits)
        self._draw(scroll=True)

    def show_query(self, query: str, at: int) -> None:
        """Open the bar on ``query`` with the hit at offset ``at`` current
        (a corpus-search result), leaving the focus in the transcript."""
        self.display = True
        self.find(query, at)
        with self.input.prevent(Input.Changed):
            self.input.value = query

    def step(self, forward: bool) -> bool:
        """Make the next (previous) hit current, wrapping around."""
        if not self.hits or self.current is None:
            self.app.bell()
            return False
        self.current = (self.current + (1 if forward else -1)) % len(self.hits)
        self._draw(scroll=True)
        return True

    def action_step(self, forward: bool) -> None:
        self.step(forward)

    def document_changed(self) -> None:
        """The transcript shows another document: find the query there
        (setting a document cleared every layer)."""
        if self.is_open and self.query_text:
            self._origin = 0
            self.find(self.query_text)

    # --- drawing --------------------------------------------------------------------

    def _draw(self, scroll: bool) -> None:
        view = self.view
        view.set_spans(FIND, [(hit.start, hit.end, "transcript--find") for hit in self.hits])
        if self.current is None:
            view.clear_spans(CURRENT)
        else:
            hit = self.hits[self.current]
            view.set_spans(CURRENT, [(hit.start, hit.end, "transcript--find-current")])
            if scroll:
                reveal(view, hit.start)
        self._show_count()

    def _show_count(self) -> None:
        count = self.query_one("#find-count", Static)
        count.update(count_content(self.query_text, self.current, len(self.hits)))

    # --- helpers ----------------------------------------------------------------------

    def _finder(self, doc: Document) -> Finder:
        """The document's Finder, kept for the last few documents (folding a
        10 MB text takes 0.3 s; a query then takes milliseconds)."""
        for known, finder in self._finders:
            if known is doc:
                return finder
        finder = Finder(doc)
        self._finders = [(doc, finder), *self._finders[: FINDERS - 1]]
        return finder

    def _top_offset(self) -> int:
        """Source offset of the first line on screen."""
        view = self.view
        layout = view.layout_model
        line = layout.line(round(view.scroll_y)) if layout is not None else None
        return line.start if line is not None else 0


def reveal(view: TranscriptView, offset: int) -> None:
    """Bring source ``offset`` on screen, a third of the way down, its block
    current; a view with a reading cursor (ReadingView) gets it there too,
    so the keys that act on the cursor act on the hit."""
    view.show_offset(offset)
    move_cursor = getattr(view, "move_cursor", None)
    if move_cursor is not None:
        move_cursor(offset)


def count_content(query: str, current: int | None, total: int) -> Content:
    """ "3/17", "no hits", or nothing before a query is typed."""
    if not query.strip():
        return Content("")
    if not total:
        return Content.styled("no hits", "$text-warning")
    more = "+" if total >= MAX_HITS else ""
    position = "–" if current is None else str(current + 1)
    return Content(f"{position}/{total}{more}")
