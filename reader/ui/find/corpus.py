"""Search every loaded document (``F``, or the palette's "Search all
documents…"): a list of hits with document, speaker and a snippet; Enter
opens the document at the hit, with the query in the find bar.

The :class:`~reader.search.CorpusIndex` (each text folded once) is built in
a worker from the documents the app has loaded, grown as more load, and
kept for the next search; queries run in a worker too.  Titles, names and
snippets are document text: they are put in Content as plain strings, never
parsed as markup, and shown in the script mode of their document.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.model import Document
from reader.search import CorpusHit, CorpusIndex
from reader.ui.documents.docinfo import one_line
from reader.ui.find.bar import FindBar
from reader.ui.script import display as script

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

LIMIT = 500  # hits listed; the count says how many there are in all
Show = Callable[[Document | None, str], str]  # document text as shown, in that document's mode


@dataclass(frozen=True, slots=True)
class Chosen:
    query: str
    hit: CorpusHit


class CorpusCache:
    """One CorpusIndex of the loaded documents, grown as they load."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # CorpusIndex is not thread-safe to change
        self.index = CorpusIndex()
        self._added: set[int] = set()
        self._keep: list[Document] = []  # ids stay valid while the documents live

    def grown(self, documents: list[Document]) -> CorpusIndex:
        with self._lock:
            for doc in documents:
                if id(doc) not in self._added:
                    self.index.add(doc)
                    self._added.add(id(doc))
                    self._keep.append(doc)
            return self.index


_caches: weakref.WeakKeyDictionary[App, CorpusCache] = weakref.WeakKeyDictionary()


def corpus_cache(app: App) -> CorpusCache:
    """The app's index, kept between searches."""
    cache = _caches.get(app)
    if cache is None:
        cache = _caches[app] = CorpusCache()
    return cache


class SearchScreen(ModalScreen[Chosen | None]):
    """An Input, a hit count and the hits."""

    BINDINGS = [
        Binding("escape", "cancel", "Close search", show=False),
        Binding("down", "focus_hits", "To the hits", show=False),
    ]

    def __init__(self, documents: list[Document], cache: CorpusCache, show: Show, query: str = "") -> None:
        super().__init__()
        self.documents = documents
        self.cache = cache
        self.show = show
        self.initial = query
        self.hits: list[CorpusHit] = []
        self.by_path = {path_key(doc.path): doc for doc in documents if doc.path is not None}

    def compose(self) -> ComposeResult:
        with Vertical(id="search-body") as body:
            body.border_title = "Search all documents"
            body.border_subtitle = "Enter opens · ↓ to the hits · Esc closes"
            yield Input(value=self.initial, placeholder="any script, any case", id="search-input")
            yield Static("", id="search-count", markup=False)
            yield OptionList(id="search-hits", markup=False)

    def on_mount(self) -> None:
        if self.initial:
            self._search(self.initial)

    # --- searching --------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value)

    def _search(self, query: str) -> None:
        self.run_worker(lambda: self._run(query), thread=True, group="corpus-search", exclusive=True)

    def _run(self, query: str) -> None:
        index = self.cache.grown(self.documents)
        hits = index.search(query, LIMIT)
        total = index.count(query) if len(hits) >= LIMIT else len(hits)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, query, hits, total)

    def _found(self, query: str, hits: list[CorpusHit], total: int) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # a later query is on its way
        self.hits = hits
        options = self.query_one("#search-hits", OptionList)
        entries: list[Option | None] = []
        for hit in hits:
            entries += [Option(self._prompt(hit)), None]  # None: a divider
        options.set_options(entries[:-1])
        if hits:
            options.highlighted = 0
        self.query_one("#search-count", Static).update(count_text(query, hits, total))

    def _prompt(self, hit: CorpusHit) -> Content:
        doc = self.by_path.get(path_key(hit.path))
        return hit_prompt(hit, lambda text: self.show(doc, text))

    # --- choosing ---------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#search-hits", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.hits):
            self.app.bell()
            return
        self.dismiss(Chosen(self.query_one("#search-input", Input).value, self.hits[index]))

    def action_focus_hits(self) -> None:
        if self.hits:
            self.query_one("#search-hits", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def path_key(path) -> str | None:
    """A path as the index knows it (resolved), None without one."""
    if path is None:
        return None
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def hit_prompt(hit: CorpusHit, show: Callable[[str], str]) -> Content:
    """Title · speaker, then the snippet with the hit marked.  Each piece is
    shown on its own so the mark stays on the hit when conversion changes
    lengths."""
    head = [(one_line(show(hit.title)) or "untitled", "bold")]
    if hit.speaker:
        head += [("  ·  ", "dim"), (one_line(show(hit.speaker)), "italic")]
    text, start, end = hit.snippet, hit.snippet_start, hit.snippet_end
    before, found, after = show(text[:start]), show(text[start:end]), show(text[end:])
    snippet = Content.assemble("  ", before, (found, "bold reverse"), after)
    return Content.assemble(*head, "\n", snippet)


def count_text(query: str, hits: list[CorpusHit], total: int) -> Content:
    if not query.strip():
        return Content.styled("Type to search every document.", "dim")
    if not total:
        return Content.styled("no hits", "$text-warning")
    documents = len({hit.path for hit in hits})
    noun = "hit" if total == 1 else "hits"
    shown = f" (the first {len(hits)} listed)" if total > len(hits) else ""
    in_docs = f" in {documents} document" + ("" if documents == 1 else "s")
    return Content(f"{total} {noun}{in_docs}{shown}")


def open_corpus_search(app: ReaderApp) -> None:
    """Push the search screen; the chosen hit opens at its place."""
    loaded = app.loaded_documents()
    documents = [doc for _, doc in loaded]
    indices = {path_key(doc.path): i for i, doc in loaded}

    def show(doc: Document | None, text: str) -> str:
        display = getattr(script, "display", None)
        if display is None or doc is None:
            return script.sanitize(text)
        return display(app, text, doc)

    def chosen(result: Chosen | None) -> None:
        if result is None:
            return
        index = indices.get(path_key(result.hit.path))
        if index is None:
            app.notify("That document is no longer open.", severity="warning", markup=False)
            return
        app.open_document(index)
        open_hit(app, result)

    app.push_screen(SearchScreen(documents, corpus_cache(app), show), chosen)


def open_hit(app: ReaderApp, chosen: Chosen) -> None:
    """Show the hit in the open document: the query in the find bar, the
    hit current and on screen."""
    app.query_one(FindBar).show_query(chosen.query, chosen.hit.start)
    app.transcript.focus()
