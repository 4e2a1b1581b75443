"""The sidebar's keyword list, and the keywords drawn over the transcript.

The panel owns the keyword state because it is the one part told of every
document shown and of every script switch (``Sidebar.set_document``): the
list is the document's top ``top`` keywords with their counts, in the
script shown; the same keywords are drawn on the transcript's "keywords"
layer unless hidden (``K``); ``+`` / ``-`` change ``top``; Enter on a
keyword makes its next occurrence current (again: the one after that,
round the document).  Whether they are drawn and how many are listed are
remembered between sessions (reader.settings: :meth:`KeywordsPanel.restore`
on start, the app's ``remember`` on every change).  Extraction runs in
worker threads, after the first paint and once the reader is not busy, for
a large document in a child process (:mod:`reader.ui.sidebar.keyword_work`); until
then the list says "loading…".  The children end when the panel is
unmounted (the app quits).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.keywords import Keyword, keyword_spans
from reader.model import Document
from reader.ui.find.bar import reveal
from reader.ui.sidebar.keyword_work import AUTO_CHARS, MAX_TOP, SECONDS_PER_CHAR, Extractor, Result, Spans

if TYPE_CHECKING:
    from reader.ui.transcript.view import TranscriptView

LAYER = "keywords"
STYLE = "transcript--keyword"
DEFAULT_TOP = 10
LOADER_GROUPS = ("load", "open")  # the app's workers that parse documents (reader/ui/loader.py)
EXTRACT = "extract:"  # id of a large document's "extract now" entry (keywords have no colon)

Show = Callable[[str], str]

__all__ = ["DEFAULT_TOP", "LAYER", "MAX_TOP", "KeywordsPanel", "set_keyword_count", "toggle_keywords"]


class KeywordsPanel(OptionList):
    """The open document's keywords with their counts."""

    def __init__(self) -> None:
        super().__init__(id="keywords", markup=False)
        self.border_title = "Keywords"
        self.shown = True  # drawn on the transcript
        self.top = DEFAULT_TOP
        self.document: Document | None = None
        self.keywords: list[Keyword] | None = None  # the document's, None until extracted
        self.error: str | None = None
        self.extractor = Extractor()
        self._show: Show = str
        self._pending: set[tuple[int, int]] = set()  # (id(doc), top) being prepared
        self._asked: set[int] = set()  # large documents the reader asked keywords for
        self._spans: tuple[Document, int, Spans] | None = None  # the top keywords' spans, for which document
        self._occurrences: dict[str, Spans] = {}
        self._last_jump: tuple[str, int] | None = None

    @property
    def view(self) -> TranscriptView:
        return self.app.transcript  # type: ignore[attr-defined]

    # --- the document ---------------------------------------------------------------

    def set_document(self, doc: Document | None, show: Show) -> None:
        """Show ``doc``'s keywords (and draw them), extracting them first if
        need be; called again with the same document after a script switch."""
        if not self.extractor.painted.is_set():
            self.app.call_after_refresh(self.extractor.painted.set)
        self._show = show
        if doc is not self.document:
            self.document, self._occurrences, self._last_jump = doc, {}, None
            self.keywords, self.error = self.extractor.cached(doc), None
        if doc is not None and (self.keywords is None or not self._have_spans()) and self._automatic(doc):
            self._prepare(doc, self.top)
        self._fill()
        self._draw()

    def _automatic(self, doc: Document) -> bool:
        """Whether ``doc``'s keywords are extracted without the reader asking:
        always, unless it is large and no child process can extract it."""
        return (
            self.extractor.offloading
            or len(doc.text) <= AUTO_CHARS
            or id(doc) in self._asked
            or self.keywords is not None
        )

    def on_unmount(self) -> None:
        self.extractor.stop()  # the app quits: no child process outlives it

    def _have_spans(self) -> bool:
        return self._spans is not None and self._spans[0] is self.document and self._spans[1] == self.top

    # --- extraction (reader.ui.sidebar.keyword_work, in a worker thread) -----------------------

    def _prepare(self, doc: Document, top: int) -> None:
        # Not exclusive: keywords extracted for a document the reader has
        # left are kept for when they come back.
        if (id(doc), top) in self._pending:
            return
        self._pending.add((id(doc), top))
        loaders = [w for w in self.app.workers if w.group in LOADER_GROUPS and not w.is_finished]
        loaded = getattr(self.app, "loaded_documents", lambda: [])
        here = len(doc.text) <= AUTO_CHARS or id(doc) in self._asked  # if no child process can

        def job() -> None:
            result = self.extractor.run(
                doc, top, lambda: self.document is doc, loaders, lambda: [d for _, d in loaded()], here
            )
            try:
                self.app.call_from_thread(self._extracted, doc, top, result)
            except RuntimeError:
                pass  # the app is closing

        self.run_worker(job, thread=True, group="keywords", exit_on_error=False)

    def _extracted(self, doc: Document, top: int, result: Result) -> None:
        self._pending.discard((id(doc), top))
        if result.keywords is not None:
            self.extractor.keep(doc, result.keywords)
        if doc is not self.document:
            return
        self.keywords, self.error = result.keywords, result.error
        if result.keywords is not None and top == self.top:
            self._spans = (doc, top, result.spans)
        elif (result.keywords or (result.keywords is None and result.error is None)) and self._automatic(doc):
            self._prepare(doc, self.top)  # ``top`` changed, or the reader left and came back
        self._fill()
        self._draw()

    # --- showing ----------------------------------------------------------------------

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.set_options(self._items())
        if highlighted is not None and highlighted < self.option_count and self.keywords:
            self.highlighted = highlighted
        self._subtitle()

    def _items(self) -> list[Option]:
        doc = self.document
        if doc is None:
            return [_note("no document")]
        if self.error is not None:
            return [_note(self.error)]
        if self.keywords is None and not self._automatic(doc):
            seconds = max(1, round(len(doc.text) * SECONDS_PER_CHAR))
            ask = f"Large document: Enter extracts keywords (~{seconds} s)"
            return [Option(Content.styled(ask, "italic"), id=EXTRACT)]
        if self.keywords is None:
            return [_note("keywords: loading…")]
        if not self.keywords:
            return [_note("no keywords")]
        return [Option(keyword_prompt(self._show(k.word), k.count), id=k.word) for k in self.keywords[: self.top]]

    def _subtitle(self, extra: str = "") -> None:
        state = f"top {self.top}" if self.shown else "hidden (K)"
        self.border_subtitle = f"{extra} · {state}" if extra else state

    def _draw(self) -> None:
        view = self.view
        if view.document is not self.document:
            return
        if self.shown and self._have_spans():
            view.set_spans(LAYER, [(s, e, STYLE) for s, e, _ in self._spans[2]])  # type: ignore[index]
        else:
            view.clear_spans(LAYER)

    # --- what the reader changes --------------------------------------------------------

    def toggle(self) -> bool:
        """Hide or show the keywords in the transcript; True if now shown."""
        self.shown = not self.shown
        self._subtitle()
        self._draw()
        return self.shown

    def set_top(self, top: int) -> int:
        """Show the top ``top`` keywords (1…MAX_TOP); returns the number in force."""
        top = max(1, min(MAX_TOP, top))
        if top != self.top:
            self.top = top
            doc = self.document
            if doc is not None and self.keywords:
                self._prepare(doc, top)
            self._fill()
            self._draw()
        return self.top

    def restore(self, shown: bool, top: int | None) -> None:
        """The choices remembered from the last session (``top`` None: the
        default; out of range: clamped)."""
        self.shown = shown
        self.set_top(DEFAULT_TOP if top is None else top)
        self._subtitle()
        self._draw()

    # --- Enter: jumping through a keyword's occurrences -----------------------------------

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == EXTRACT and self.document is not None:
            self._asked.add(id(self.document))
            self._prepare(self.document, self.top)
            self._fill()
        elif event.option.id is not None:
            self.jump(event.option.id)

    def jump(self, word: str) -> bool:
        """Make the next occurrence of ``word`` current: the first after the
        current block, then each following one, round the document."""
        doc = self.document
        if doc is None or self.view.document is not doc:
            return False
        spans = self._occurrences.get(word)
        if spans is None:
            spans = self._occurrences[word] = keyword_spans(doc, [word])
        if not spans:
            self.app.bell()
            return False
        index = self._next_index(word, spans)
        self._last_jump = (word, index)
        reveal(self.view, spans[index][0])
        self._subtitle(f"{self._show(word)} {index + 1}/{len(spans)}")
        return True

    def _next_index(self, word: str, spans: Spans) -> int:
        if self._last_jump is not None and self._last_jump[0] == word:
            return (self._last_jump[1] + 1) % len(spans)
        view = self.view
        start = view.document.blocks[view.cursor].start if view.document and view.document.blocks else 0
        return next((i for i, (s, _, _) in enumerate(spans) if s >= start), 0)


def _note(text: str) -> Option:
    return Option(Content.styled(text, "dim italic"), disabled=True)


def keyword_prompt(word: str, count: int) -> Content:
    """``word  count``: the word as shown (document text: never markup)."""
    return Content.assemble((" ".join(word.split()), "bold"), "  ", (str(count), "dim"))


# --- the app's keys and commands ------------------------------------------------------


def toggle_keywords(app) -> None:
    shown = app.query_one(KeywordsPanel).toggle()
    app.remember(keywords_shown=shown)
    app.notify("Keywords shown." if shown else "Keywords hidden (K shows them).", title="Keywords", timeout=2)


def set_keyword_count(app, top: int | None = None, delta: int = 0) -> None:
    """Show ``top`` keywords, or ``delta`` more (fewer)."""
    panel = app.query_one(KeywordsPanel)
    wanted = panel.top + delta if top is None else top
    shown = panel.set_top(wanted)
    app.remember(keyword_count=shown)
    if shown != wanted:
        app.bell()
    app.notify(f"Top {shown} keywords.", title="Keywords", timeout=2)
