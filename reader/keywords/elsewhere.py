"""Keyword extraction in another process.

Extraction is pure Python and holds the interpreter lock: about 10 s for
the 10 MB benchmark transcript, plus 0.8 s and ~90 MB to load jieba, and
0.8 s more for the spans of its top ten keywords.  In a thread of the UI
process that is 10 s of a UI at half pace; in a child process it runs on
another core, and jieba is never loaded into the UI process for it.

    child = KeywordChild().start()
    keywords, spans = child.extract(doc, top=40, spans_top=10)  # blocks: call it in a worker
    child.close()

or :func:`extract_elsewhere` for the three at once.  :meth:`KeywordChild.stop`
(from any thread: the app quits) kills the child; the thread waiting on it
gets :class:`reader.offload.OffloadError`.

The child is ``python -P -m reader.keywords.elsewhere``, niced (background
work, like :mod:`reader.offload`'s whole parse).  It reads requests from its
stdin and answers each on its stdout before reading the next, in
:mod:`reader.offload`'s frames (a length, then a pickled tuple), until its
stdin ends:

- request ``("extract", packed, top, spans_top, keywords, corpus)``:
  ``packed`` the document (:func:`reader.offload.pack`), ``top`` as for
  :func:`reader.keywords.extract_keywords`, ``spans_top`` how many of the
  keywords to find the spans of (:func:`reader.keywords.keyword_spans`),
  ``keywords`` None, or the document's keywords already extracted (as
  tuples: then only their spans are found), ``corpus`` None, or a
  :class:`KeywordCorpus` as ``(df, size)`` (German and English IDF);
- answer ``("keywords", [(word, score, count, key), …], spans)``, or
  ``("error", type name, message)`` for an exception in the extraction (a
  missing jieba: ``ImportError``), raised here as :class:`ExtractionError`.

The result is the one :func:`reader.keywords.extract_keywords` and
:func:`reader.keywords.keyword_spans` give in-process (same code, same
data: the scores are pickled floats).  Anything else — the child cannot
start, crashes, is killed, says something else — raises
:class:`reader.offload.OffloadError`, and the caller extracts in-process.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections import Counter

from reader.keywords.extract import Keyword, extract_keywords, keyword_spans
from reader.keywords.jieba_backend import load_jieba
from reader.keywords.tfidf import KeywordCorpus
from reader.model import Document
from reader.offload import (
    FRAME_LENGTH,
    ChildProcess,
    OffloadError,
    pack,
    read_frame,
    step_aside,
    unpack,
)

__all__ = ["ExtractionError", "KeywordChild", "OffloadError", "extract_elsewhere"]

MODULE = "reader.keywords.elsewhere"

Spans = list[tuple[int, int, str]]


class ExtractionError(Exception):
    """The extraction raised in the child: ``kind`` is the exception's type
    name (``ImportError`` if jieba is missing); the same would have happened
    in-process."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind

    @property
    def missing_module(self) -> bool:
        return self.kind in ("ImportError", "ModuleNotFoundError")


class KeywordChild(ChildProcess):
    """A child process extracting keywords; :meth:`stop` ends it early."""

    stdin = subprocess.PIPE  # it reads requests

    def arguments(self) -> list[str | bytes]:
        return [MODULE]

    def command(self) -> list[str | bytes]:
        return command()

    def extract(
        self,
        document: Document,
        *,
        top: int | None = 20,
        spans_top: int = 0,
        keywords: list[Keyword] | None = None,
        corpus: KeywordCorpus | None = None,
    ) -> tuple[list[Keyword], Spans]:
        """``extract_keywords(document, top=top, corpus=corpus)`` (or
        ``keywords``, if given) and the spans of the first ``spans_top`` of
        them, from the child; blocks until it answers."""
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise OffloadError("not started")
        request = (
            "extract",
            pack(document),
            top,
            spans_top,
            None if keywords is None else [_as_tuple(k) for k in keywords],
            None if corpus is None else (dict(corpus.df), corpus.size),
        )
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        del request
        try:
            process.stdin.write(FRAME_LENGTH.pack(len(payload)))
            process.stdin.write(payload)
            process.stdin.flush()
        except (OSError, ValueError):  # it died, or was stopped (stdin closed)
            raise OffloadError(self._failure(process)) from None
        finally:
            del payload  # ~3 bytes a character: not kept while the child works
        frame = read_frame(process.stdout)
        if frame is None:
            raise OffloadError(self._failure(process))
        kind, *rest = frame
        if kind == "keywords" and len(rest) == 2:
            found, spans = rest
            return [Keyword(*k) for k in found], spans
        if kind == "error" and len(rest) == 2:
            raise ExtractionError(*rest)
        self.stop()  # it speaks another protocol: no use asking it anything else
        self._failure(process)
        raise OffloadError(f"unknown answer {kind!r}")

    def close(self) -> None:
        """No more requests: the child exits (it is reaped here)."""
        process = self._process
        if process is None:
            return
        if process.stdin is not None and not process.stdin.closed:
            try:
                process.stdin.close()
            except OSError:
                pass
        self._finish(process)


def command() -> list[str | bytes]:
    """How the child is started (a function of the module: tests stand in
    for the child through it)."""
    return [sys.executable, "-P", "-m", MODULE]


def extract_elsewhere(
    document: Document,
    *,
    top: int | None = 20,
    spans_top: int = 0,
    keywords: list[Keyword] | None = None,
    corpus: KeywordCorpus | None = None,
) -> tuple[list[Keyword], Spans]:
    """One extraction in a child process of its own (see :meth:`KeywordChild.extract`)."""
    child = KeywordChild().start()
    try:
        return child.extract(document, top=top, spans_top=spans_top, keywords=keywords, corpus=corpus)
    finally:
        child.close()


def _as_tuple(keyword: Keyword) -> tuple[str, float, int, str]:
    return keyword.word, keyword.score, keyword.count, keyword.key


# --- the child -------------------------------------------------------------------------


def answer(request: tuple) -> tuple:
    """The answer to one request (in the child)."""
    kind, packed, top, spans_top, given, corpus_data = request
    if kind != "extract":
        return ("error", "ValueError", f"unknown request {kind!r}")
    document = unpack(packed, None)
    try:
        if given is not None:
            keywords = [Keyword(*k) for k in given]
        else:
            corpus = None
            if corpus_data is not None:
                corpus = KeywordCorpus()
                corpus.df, corpus.size = Counter(corpus_data[0]), corpus_data[1]
            if document.language == "zh":
                load_jieba()
            keywords = extract_keywords(document, top=top, corpus=corpus)
        spans = keyword_spans(document, keywords[:spans_top]) if spans_top > 0 else []
    except Exception as error:  # noqa: BLE001 — the parent says so, as it would for its own
        return ("error", type(error).__name__, str(error))
    return ("keywords", [_as_tuple(k) for k in keywords], spans)


def main() -> int:
    step_aside()  # all of it is background work: the UI gets the CPU first
    source, out = sys.stdin.buffer, sys.stdout.buffer
    while (request := read_frame(source)) is not None:
        payload = pickle.dumps(answer(request), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            out.write(FRAME_LENGTH.pack(len(payload)) + payload)
            out.flush()
        except BrokenPipeError:  # the parent has gone: nobody to tell
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
