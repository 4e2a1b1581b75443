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

Documents over ``AUTO_CHARS`` characters are not done on their own: the
panel offers the reader to start them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.worker import Worker, get_current_worker

from reader.keywords import Keyword, KeywordCorpus, extract_keywords, keyword_spans, load_jieba
from reader.model import Document

MAX_TOP = 40  # extracted once per document; the panel shows the first ``top``
AUTO_CHARS = 400_000  # larger documents wait for the reader to ask (about 3 s of work)
SECONDS_PER_CHAR = 7.5e-6  # extraction, measured: 29 s for 3.9 M characters of Chinese
QUIET = 0.3  # seconds a document must stay shown before its keywords are extracted
PAINT_WAIT = 2.0  # seconds to wait for the first paint before going on anyway

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
            for doc in documents:
                if id(doc) not in self._added:
                    self._corpus.add(doc)
                    self._added[id(doc)] = doc
            return self._corpus


class Extractor:
    """Keywords per document, cached; :meth:`run` is a worker's job."""

    def __init__(self) -> None:
        self.painted = threading.Event()
        self._cache: dict[int, tuple[Document, list[Keyword]]] = {}
        self._corpus = _Corpus()

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
    ) -> Result:
        """The document's keywords and the spans of its top ``top`` (in a
        worker thread).  ``wanted()`` says whether the document is still
        shown; ``loaders`` are the workers loading documents; ``loaded()``
        the documents loaded so far (for German and English IDF)."""
        keywords = self.cached(doc)
        try:
            if keywords is None:
                if not self._wait_for_quiet(wanted, loaders):
                    return Result(None, [])
                keywords = self._extract(doc, loaded)
            return Result(keywords, keyword_spans(doc, keywords[:top]))
        except ImportError:
            return Result(None, [], "keywords need jieba (pip install jieba)")
        except Exception as error:  # a bug costs the keyword list, not the app
            return Result(None, [], f"keywords failed ({type(error).__name__})")

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
