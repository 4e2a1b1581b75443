"""Extracting keywords off the UI thread without getting in its way.

Keyword extraction is pure Python and holds the GIL: jieba takes about a
second to load, and extracting costs about 7 s per megabyte of Chinese
(29 s for the 10 MB benchmark transcript).  A worker thread alone keeps the
UI responsive but slows it (scrolling, parsing the other documents), so a
job here first waits for the moment the reader is not busy:

* until the first screen has been painted (:meth:`Extractor.painted`);
* ``QUIET`` seconds, and then only if the document is still the one shown
  (paging through the list starts no work);
* until the documents have finished loading (the loader is a thread too).

Documents over ``CHILD_CHARS`` characters are then extracted in a child
process (:mod:`reader.keywords.elsewhere`, niced): it has an interpreter
lock of its own, so the UI keeps its pace meanwhile, and jieba is not
loaded into the UI process for them; the child also finds the spans of the
keywords shown (about a second more for 10 MB).  :meth:`Extractor.stop`
(the app quits) ends the children.  If no child can run, extraction falls back to this
process, and documents over ``AUTO_CHARS`` characters are then not done on
their own: the panel offers the reader to start them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.worker import Worker, get_current_worker

from reader.keywords import Keyword, KeywordCorpus, extract_keywords, keyword_spans, load_jieba
from reader.keywords.elsewhere import ExtractionError, KeywordChild, OffloadError
from reader.model import Document

MAX_TOP = 40  # extracted once per document; the panel shows the first ``top``
# From this size on, a child process extracts (reader.keywords.elsewhere).
# A child costs ~0.9 s more to start and load jieba (on another core); in
# this process a document this long holds the interpreter 0.3–0.75 s (jieba
# loaded; machines vary), time the UI would share it.  Smaller ones are
# done here: 0.1 s instead of 1 s for a usual 30,000-character transcript.
CHILD_CHARS = 100_000
AUTO_CHARS = 400_000  # if no child can run, larger documents wait for the reader to ask (about 3 s of work)
SECONDS_PER_CHAR = 7.5e-6  # extraction, measured: 29 s for 3.9 M characters of Chinese
QUIET = 0.3  # seconds a document must stay shown before its keywords are extracted
# …and a big one, before it is handed to a child process: sending it costs
# the UI process ~0.1 s of work, better not done in the very moment the
# document arrives and the reader starts moving through it (the extraction
# itself takes seconds: this is not noticed).
CHILD_QUIET = 1.5
PAINT_WAIT = 2.0  # seconds to wait for the first paint before going on anyway

JIEBA_MISSING = "keywords need jieba (pip install jieba)"

Spans = list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class Result:
    keywords: list[Keyword] | None  # None: not extracted (skipped, or failed)
    spans: Spans  # where the top ``top`` keywords occur
    error: str | None = None


class _Corpus:
    """A KeywordCorpus that grows as documents load; jobs share it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._corpus = KeywordCorpus()
        self._added: dict[int, Document] = {}  # id → document (kept, so ids stay valid)

    def grown(self, documents: Sequence[Document]) -> KeywordCorpus:
        with self._lock:
            self._grow(documents)
            return self._corpus

    def grown_copy(self, documents: Sequence[Document]) -> KeywordCorpus:
        """:meth:`grown`, copied (for a child process: other jobs may grow it meanwhile)."""
        with self._lock:
            self._grow(documents)
            copy = KeywordCorpus()
            copy.df, copy.size = self._corpus.df.copy(), self._corpus.size
            return copy

    def _grow(self, documents: Sequence[Document]) -> None:
        for doc in documents:
            if id(doc) not in self._added:
                self._corpus.add(doc)
                self._added[id(doc)] = doc


class Extractor:
    """Keywords per document, cached; :meth:`run` is a worker's job."""

    def __init__(self) -> None:
        self.painted = threading.Event()
        self._cache: dict[int, tuple[Document, list[Keyword]]] = {}
        self._corpus = _Corpus()
        # False once a child process could not run: this process extracts then.
        self.offloading = True
        self._children: set[KeywordChild] = set()  # at work, to stop when the app quits
        self._stopped = False
        self._lock = threading.Lock()

    def cached(self, doc: Document | None) -> list[Keyword] | None:
        entry = self._cache.get(id(doc)) if doc is not None else None
        return entry[1] if entry is not None and entry[0] is doc else None

    def keep(self, doc: Document, keywords: list[Keyword]) -> None:
        self._cache[id(doc)] = (doc, keywords)

    def run(
        self,
        doc: Document,
        top: int,
        wanted: Callable[[], bool],
        loaders: Sequence[Worker],
        loaded: Callable[[], list[Document]],
        here: bool = True,
    ) -> Result:
        """The document's keywords and the spans of its top ``top`` (in a
        worker thread).  ``wanted()`` says whether the document is still
        shown; ``loaders`` are the workers loading documents; ``loaded()``
        the documents loaded so far (for German and English IDF); ``here``:
        whether to extract in this process if no child process can (a large
        document waits for the reader to ask: the result is then None, with
        no error)."""
        keywords = self.cached(doc)
        try:
            if keywords is None and not self._wait_for_quiet(wanted, loaders):
                return Result(None, [])
            if self.offloading and len(doc.text) > CHILD_CHARS:
                if keywords is None:
                    time.sleep(CHILD_QUIET)
                    if not wanted():
                        return Result(None, [])
                try:
                    return Result(*self._elsewhere(doc, top, keywords, loaded))
                except OffloadError:
                    if self._stopped:  # the app is closing: nothing to show it to
                        return Result(None, [])
                    self.offloading = False  # no child can run: this process it is, from now on
                    if keywords is None and not here:
                        return Result(None, [])
            if keywords is None:
                keywords = self._extract(doc, loaded)
            return Result(keywords, keyword_spans(doc, keywords[:top]))
        except ImportError:
            return Result(None, [], JIEBA_MISSING)
        except ExtractionError as error:  # raised in the child: what it would have been here
            return Result(None, [], JIEBA_MISSING if error.missing_module else f"keywords failed ({error.kind})")
        except Exception as error:  # a bug costs the keyword list, not the app
            return Result(None, [], f"keywords failed ({type(error).__name__})")

    def stop(self) -> None:
        """The app is closing: end the child processes, start no more."""
        with self._lock:
            self._stopped = True
            children = list(self._children)
        for child in children:
            child.stop()

    def _elsewhere(
        self, doc: Document, top: int, keywords: list[Keyword] | None, loaded: Callable[[], list[Document]]
    ) -> tuple[list[Keyword], Spans]:
        """Keywords (unless given) and spans from a child process;
        OffloadError if it gives none."""
        corpus = None
        if keywords is None and doc.language != "zh":
            corpus = self._corpus.grown_copy([*loaded(), doc])
        child = KeywordChild()
        with self._lock:
            if self._stopped:
                raise OffloadError("stopped")
            self._children.add(child)
        try:
            child.start()
            return child.extract(doc, top=MAX_TOP, spans_top=top, keywords=keywords, corpus=corpus)
        finally:
            with self._lock:
                self._children.discard(child)
            child.close()

    def _wait_for_quiet(self, wanted: Callable[[], bool], loaders: Sequence[Worker]) -> bool:
        worker = get_current_worker()
        self.painted.wait(PAINT_WAIT)
        time.sleep(QUIET)
        while any(not loader.is_finished for loader in loaders) and not worker.is_cancelled:
            time.sleep(0.05)
        return wanted() and not worker.is_cancelled

    def _extract(self, doc: Document, loaded: Callable[[], list[Document]]) -> list[Keyword]:
        if doc.language == "zh":
            load_jieba()
            return extract_keywords(doc, top=MAX_TOP)
        corpus = self._corpus.grown([*loaded(), doc])
        return extract_keywords(doc, top=MAX_TOP, corpus=corpus)
