"""The sidebar's keyword list, and the keywords drawn over the transcript.

The panel owns the keyword state because it is the one part that is told
of every document shown and of every script switch (through
``Sidebar.set_document``): the list is the document's top ``top`` keywords
with their counts, in the script shown; the same keywords are drawn on the
transcript's "keywords" layer unless hidden (``K``); ``+`` / ``-`` change
``top``; Enter on a keyword makes its next occurrence current (again: the
one after that, round the document).

jieba costs about a second and 100+ MB to load.  It loads in a worker
thread, the first time a Chinese document is shown and only once that
document has been painted, so it never delays the first screen; meanwhile
the list says "loading…".  Keywords are extracted in a worker too, once per
document (cached); German and English words take their IDF from a
:class:`~reader.keywords.KeywordCorpus` of the documents loaded so far.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.keywords import Keyword, KeywordCorpus, extract_keywords, keyword_spans, load_jieba
from reader.model import Document

if TYPE_CHECKING:
    from reader.ui.transcript import TranscriptView

LAYER = "keywords"
STYLE = "transcript--keyword"
DEFAULT_TOP, MAX_TOP = 10, 40
PAINT_WAIT = 2.0  # seconds a worker waits for the first paint before it starts anyway

Spans = list[tuple[int, int, str]]
Show = Callable[[str], str]


class _Corpus:
    """A KeywordCorpus that grows as documents load; workers share it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._corpus = KeywordCorpus()
        self._added: set[int] = set()
        self._keep: list[Document] = []  # ids stay valid while the documents live

    def grown(self, documents: list[Document]) -> KeywordCorpus:
        with self._lock:
            for doc in documents:
                if id(doc) not in self._added:
                    self._corpus.add(doc)
                    self._added.add(id(doc))
                    self._keep.append(doc)
            return self._corpus


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
        self._show: Show = str
        self._cache: dict[int, tuple[Document, list[Keyword]]] = {}  # id(doc) → (doc, its keywords)
        self._pending: set[tuple[int, int]] = set()  # (id(doc), top) being prepared
        self._spans: tuple[Document, int, Spans] | None = None  # what top keywords cover in which document
        self._occurrences: dict[str, Spans] = {}
        self._last_jump: tuple[str, int] | None = None
        self._corpus = _Corpus()
        self._painted = threading.Event()

    @property
    def view(self) -> TranscriptView:
        return self.app.transcript  # type: ignore[attr-defined]

    # --- the document ---------------------------------------------------------------

    def set_document(self, doc: Document | None, show: Show) -> None:
        """Show ``doc``'s keywords (and draw them), extracting them first if
        need be; called again with the same document after a script switch."""
        if not self._painted.is_set():
            self.app.call_after_refresh(self._painted.set)
        self._show = show
        if doc is not self.document:
            self.document, self._occurrences, self._last_jump = doc, {}, None
            self.keywords, self.error = self._cached(doc), None
        if doc is not None and (self.keywords is None or not self._have_spans()):
            self._prepare(doc, self.top, self._loaded_documents())
        self._fill()
        self._draw()

    def _cached(self, doc: Document | None) -> list[Keyword] | None:
        entry = self._cache.get(id(doc)) if doc is not None else None
        return entry[1] if entry is not None and entry[0] is doc else None

    def _loaded_documents(self) -> list[Document]:
        loaded = getattr(self.app, "loaded_documents", None)
        return [doc for _, doc in loaded()] if loaded is not None else []

    def _have_spans(self) -> bool:
        return self._spans is not None and self._spans[0] is self.document and self._spans[1] == self.top

    # --- extraction (a worker thread) -------------------------------------------------

    def _prepare(self, doc: Document, top: int, loaded: list[Document]) -> None:
        # Not exclusive: keywords extracted for a document the reader has
        # left are kept for when they come back.
        if (id(doc), top) not in self._pending:
            self._pending.add((id(doc), top))
            self.run_worker(lambda: self._extract(doc, top, loaded), thread=True, group="keywords", exit_on_error=False)

    def _extract(self, doc: Document, top: int, loaded: list[Document]) -> None:
        keywords, spans, error = self._cached(doc), [], None
        try:
            if keywords is None:
                self._painted.wait(PAINT_WAIT)  # the first screen comes first
                keywords = self._keywords_of(doc, loaded)
            spans = keyword_spans(doc, keywords[:top])
        except ImportError:
            error = "keywords need jieba (pip install jieba)"
        except Exception as exc:  # a bug costs the keyword list, not the app
            error = f"keywords failed ({type(exc).__name__})"
        if get_current_worker().is_cancelled:
            return
        try:
            self.app.call_from_thread(self._extracted, doc, top, keywords, spans, error)
        except RuntimeError:
            pass  # the app is closing

    def _keywords_of(self, doc: Document, loaded: list[Document]) -> list[Keyword]:
        if doc.language == "zh":
            load_jieba()
            return extract_keywords(doc, top=MAX_TOP)
        corpus = self._corpus.grown([*loaded, doc])
        return extract_keywords(doc, top=MAX_TOP, corpus=corpus)

    def _extracted(self, doc: Document, top: int, keywords: list[Keyword] | None, spans: Spans, error: str | None) -> None:
        self._pending.discard((id(doc), top))
        if keywords is not None:
            self._cache[id(doc)] = (doc, keywords)
        if doc is not self.document:
            return
        self.keywords, self.error = keywords, error
        if top == self.top:
            self._spans = (doc, top, spans)
        elif keywords:
            self._prepare(doc, self.top, [])  # ``top`` changed meanwhile
        self._fill()
        self._draw()

    # --- showing ----------------------------------------------------------------------

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.set_options(self._options())
        if highlighted is not None and highlighted < self.option_count and self.keywords:
            self.highlighted = highlighted
        self._subtitle()

    def _options(self) -> list[Option]:
        if self.document is None:
            return [_note("no document")]
        if self.error is not None:
            return [_note(self.error)]
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

    def change_top(self, delta: int) -> int:
        return self.set_top(self.top + delta)

    def set_top(self, top: int) -> int:
        """Show the top ``top`` keywords (1…MAX_TOP); returns the number in force."""
        top = max(1, min(MAX_TOP, top))
        if top != self.top:
            self.top = top
            doc = self.document
            if doc is not None and self.keywords:
                self._prepare(doc, top, self._loaded_documents())
            self._fill()
            self._draw()
        return self.top

    # --- jumping through a keyword's occurrences ------------------------------------------

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
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
        self.view.show_offset(spans[index][0])
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
    app.notify("Keywords shown." if shown else "Keywords hidden (K shows them).", title="Keywords", timeout=2)


def set_keyword_count(app, top: int | None = None, delta: int = 0) -> None:
    """Show ``top`` keywords, or ``delta`` more (fewer)."""
    panel = app.query_one(KeywordsPanel)
    wanted = panel.top + delta if top is None else top
    shown = panel.set_top(wanted)
    if shown != wanted:
        app.bell()
    app.notify(f"Top {shown} keywords.", title="Keywords", timeout=2)
