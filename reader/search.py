"""Finding text: in one document, across a corpus, and words to highlight.

Everything here compares *folded* text (:func:`reader.convert.fold`):
traditional characters fold to simplified one character at a time, full-width
ASCII to ASCII, Latin letters to lower case — and folding keeps the length
of every string, so an offset into the folded text is the same offset into
``Document.text``.  A query in simplified finds traditional text and the
reverse (软件 finds 軟件), and Latin text matches case-insensitively.

* :func:`find` / :class:`Finder` — the incremental find of one document
  (the ``/`` key): every occurrence of a query as a substring, no word
  boundaries ("Open" finds "OpenAI").
* :class:`CorpusIndex` — the corpus-wide search (the command palette, and
  ``reader search``): folded text kept in memory per document, refreshed
  when a file's mtime or size changes; hits carry document, speaker and a
  one-line snippet.
* :func:`match_words` — where a set of *words* occurs (keywords, a reader's
  watch-words): whole words for Latin, so "AI" does not light up inside
  "OpenAI" or "said".

Rules shared by all three: a query or word is stripped of surrounding
whitespace, and an empty one finds nothing; whitespace inside it matches any
run of whitespace in the text (so "Kevin Scott" finds "Kevin\\nScott");
matches never overlap and are reported left to right.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.convert import fold
from reader.load import LoadError, load_document
from reader.model import Document
from reader.sanitize import sanitize

__all__ = [
    "CorpusHit",
    "CorpusIndex",
    "Finder",
    "Hit",
    "find",
    "match_words",
    "snippet",
]

# Letters and digits of alphabetic scripts: a word of these is matched as a
# whole word by match_words (Han, kana and hangul have no spaces, so a
# Chinese word is matched anywhere).
_ALNUM = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
    "\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
)
_ALNUM_CHAR = re.compile(f"[{_ALNUM}]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: ``Document.text[start:end]``."""

    start: int
    end: int


def _text_of(document: Document | str) -> str:
    return document if isinstance(document, str) else document.text


def _pattern_source(key: str, whole_word: bool) -> str:
    """A regex for a folded, stripped key: whitespace inside matches any
    run of whitespace; with ``whole_word``, a key that starts (ends) with a
    letter or digit of an alphabetic script must not be preceded (followed)
    by one."""
    source = r"\s+".join(re.escape(part) for part in _SPACE.split(key))
    if whole_word:
        if _ALNUM_CHAR.match(key[0]):
            source = f"(?<![{_ALNUM}])" + source
        if _ALNUM_CHAR.match(key[-1]):
            source += f"(?![{_ALNUM}])"
    return source


@lru_cache(maxsize=256)
def _query_pattern(key: str) -> re.Pattern[str]:
    return re.compile(_pattern_source(key, whole_word=False))


def _find_folded(folded: str, key: str, limit: int | None = None) -> Iterable[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of ``key`` in ``folded``, in order."""
    if _SPACE.search(key):
        for n, match in enumerate(_query_pattern(key).finditer(folded)):
            if limit is not None and n >= limit:
                return
            yield match.start(), match.end()
        return
    size = len(key)
    at = folded.find(key)
    n = 0
    while at >= 0 and (limit is None or n < limit):
        yield at, at + size
        n += 1
        at = folded.find(key, at + size)


def _query_key(query: str) -> str:
    """The folded query, stripped, inner whitespace as one space (which
    matches any run of whitespace)."""
    return fold(" ".join(query.split()))


def find(document: Document | str, query: str) -> list[Hit]:
    """Every occurrence of ``query`` in a document (or a text), left to
    right, non-overlapping; script- and case-insensitive (see the module
    docstring).  An empty query, or one longer than the text, finds nothing.

    Folds the whole text on every call (about 1 ms per 30 KB; 0.3 s for
    10 MB): an incremental find that runs on every key press uses a
    :class:`Finder`, which folds it once."""
    return Finder(document).find(query)


class Finder:
    """:func:`find` for one document, its text folded once: build one when
    the find bar opens (or the document changes) and call :meth:`find` on
    every key press."""

    __slots__ = ("folded", "text")

    def __init__(self, document: Document | str) -> None:
        self.text = _text_of(document)
        self.folded = fold(self.text)

    def find(self, query: str, limit: int | None = None) -> list[Hit]:
        """Like :func:`find`, at most ``limit`` hits (None: all)."""
        key = _query_key(query)
        if not key or len(key) > len(self.text):
            return []
        return [Hit(s, e) for s, e in _find_folded(self.folded, key, limit)]


# --------------------------------------------------------------------------
# Words: keywords and watch-words


@lru_cache(maxsize=64)
def _words_pattern(keys: tuple[str, ...]) -> tuple[re.Pattern[str], list[str]]:
    """One regex for sorted, distinct keys, and the keys in group order.
    Longest first: at any position the longest word that matches there wins
    (re tries alternatives in order)."""
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    pattern = re.compile("|".join(f"({_pattern_source(k, whole_word=True)})" for k in ordered))
    return pattern, ordered


def match_words(
    document: Document | str, words: Iterable[str], *, folded: str | None = None
) -> list[tuple[int, int, str]]:
    """Where any of ``words`` occurs: ``(start, end, word)`` with ``word`` as
    given (the first given, when two fold alike), sorted, never overlapping.

    Script- and case-insensitive like :func:`find`; a word that starts or
    ends with a Latin (Greek, Cyrillic) letter or digit matches only as a
    whole word there ("AI" not inside "OpenAI"; "GPT" inside "GPT-4" yes).
    Scanning goes left to right and, where several words match at one
    position, the longest wins; a later word that would overlap an earlier
    match is not reported.  ``folded`` is ``fold(text)`` if the caller has
    it already.
    """
    by_key: dict[str, str] = {}
    for word in words:
        key = _query_key(word)
        if key and key not in by_key:
            by_key[key] = word
    if not by_key:
        return []
    text = _text_of(document)
    if folded is None:
        folded = fold(text)
    pattern, ordered = _words_pattern(tuple(sorted(by_key)))
    originals = [by_key[k] for k in ordered]
    return [(m.start(), m.end(), originals[m.lastindex - 1]) for m in pattern.finditer(folded)]


# --------------------------------------------------------------------------
# Snippets

SNIPPET_CONTEXT = 30  # characters each side of a hit


def snippet(document: Document | str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> tuple[str, int, int]:
    """One line around ``text[start:end]``: about ``context`` characters
    each side, inside the hit's block when the document has one there (a
    snippet never runs into the previous speaker's turn), runs of whitespace
    as one space, "…" where it is cut, control characters made visible
    (:func:`reader.sanitize.sanitize`).  Returns ``(snippet, hit_start,
    hit_end)``: where the hit is inside the snippet, for highlighting it."""
    if isinstance(document, str):
        return _snippet(document, 0, len(document), start, end, context)
    block = _block_at(document, [b.start for b in document.blocks], start)
    return _snippet_in(document, block, start, end, context)


def _snippet_in(document: Document, block, start: int, end: int, context: int) -> tuple[str, int, int]:
    lo, hi = (block.start, block.end) if block is not None else (0, len(document.text))
    return _snippet(document.text, lo, max(hi, end), start, end, context)


def _snippet(text: str, lo: int, hi: int, start: int, end: int, context: int) -> tuple[str, int, int]:
    a = max(lo, start - context)
    b = min(hi, end + context)
    before = _SPACE.sub(" ", text[a:start]).lstrip()
    hit = _SPACE.sub(" ", text[start:end])
    after = _SPACE.sub(" ", text[end:b]).rstrip()
    if a > lo:
        before = "…" + before
    if b < hi:
        after += "…"
    return sanitize(before + hit + after), len(before), len(before) + len(hit)


def _block_at(document: Document, starts: list[int], offset: int):
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return None
    block = document.blocks[i]
    return block if block.start <= offset < block.end else None


# --------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True, slots=True)
class CorpusHit:
    """A hit in a corpus: ``document.text[start:end]`` of the document at
    ``path``; ``speaker`` of the turn it is in (None outside turns);
    ``snippet`` one line around it, the hit at
    ``snippet[snippet_start:snippet_end]``."""

    path: Path | None
    title: str
    speaker: str | None
    start: int
    end: int
    snippet: str
    snippet_start: int
    snippet_end: int

    def to_json(self) -> dict:
        """The object `reader search --json` prints for a hit."""
        return {
            "path": str(self.path) if self.path is not None else None,
            "title": self.title,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
        }


class _Entry:
    __slots__ = ("document", "folded", "stamp", "starts")

    def __init__(self, document: Document, stamp: tuple[int, int] | None) -> None:
        self.document = document
        self.folded = fold(document.text)
        self.starts = [b.start for b in document.blocks]
        self.stamp = stamp


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _path_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


class CorpusIndex:
    """Search many documents at once.

    Built from Documents (already loaded: the UI has them) and/or paths
    (loaded with ``loader``, by default :func:`reader.load.load_document`).
    Keeps each document and its folded text in memory — about the size of
    the texts again — so a search is one ``str.find`` scan per document.

    Documents are searched in the order they were first added; a document
    whose path is already indexed replaces that one in its place.  A path
    that fails to load raises its :class:`~reader.load.LoadError`, unless
    ``on_error`` is given: then it is called with the error and the path is
    skipped.  :meth:`refresh` re-reads the files whose mtime or size changed
    and drops the ones that are gone; :meth:`update` replaces one document
    (the UI calls it for a document it has re-read anyway).

    Not thread-safe: build it in a worker if it is big, and search it from
    one thread at a time (searching does not change it).
    """

    def __init__(
        self,
        items: Iterable[Document | str | os.PathLike[str]] = (),
        *,
        loader: Callable[[Path], Document] = load_document,
        on_error: Callable[[LoadError], None] | None = None,
    ) -> None:
        self._loader = loader
        self._on_error = on_error
        # Keyed by resolved path, or by id() for a document without a path;
        # a dict keeps the order of first insertion when a value is replaced.
        self._entries: dict[object, _Entry] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def documents(self) -> list[Document]:
        return [entry.document for entry in self._entries.values()]

    def add(self, item: Document | str | os.PathLike[str]) -> Document | None:
        """Add a Document, or load one from a path.  Returns the Document
        (None if its file failed to load and ``on_error`` took the error)."""
        if isinstance(item, Document):
            document = item
            stamp = _stamp(document.path) if document.path is not None else None
        else:
            path = Path(item)
            stamp = _stamp(path)
            try:
                document = self._loader(path)
            except LoadError as error:
                if self._on_error is None:
                    raise
                self._on_error(error)
                return None
        key = _path_key(document.path) if document.path is not None else id(document)
        self._entries[key] = _Entry(document, stamp)
        return document

    def update(self, document: Document) -> None:
        """Index this version of a document (replacing the one at its path)."""
        self.add(document)

    def remove(self, path: str | os.PathLike[str]) -> bool:
        return self._entries.pop(_path_key(Path(path)), None) is not None

    def refresh(self) -> list[Path]:
        """Re-read every file whose mtime or size changed since it was
        indexed, drop the ones that are gone or no longer load; returns the
        paths that changed.  Costs one ``stat`` per file."""
        changed: list[Path] = []
        for key, entry in list(self._entries.items()):
            path = entry.document.path
            if path is None or entry.stamp is None:
                continue
            stamp = _stamp(path)
            if stamp == entry.stamp:
                continue
            changed.append(path)
            if stamp is None:
                del self._entries[key]  # gone
                continue
            try:
                self._entries[key] = _Entry(self._loader(path), stamp)
            except LoadError as error:
                del self._entries[key]
                if self._on_error is not None:
                    self._on_error(error)
        return changed

    def search(self, query: str, limit: int | None = 1000) -> list[CorpusHit]:
        """Hits of ``query`` (as :func:`find` matches them) in every
        document, in document order then text order, at most ``limit``
        (None: all)."""
        key = _query_key(query)
        if not key or (limit is not None and limit <= 0):
            return []
        hits: list[CorpusHit] = []
        for entry in self._entries.values():
            left = None if limit is None else limit - len(hits)
            if left == 0:
                break
            if len(key) > len(entry.folded):
                continue
            for start, end in _find_folded(entry.folded, key, left):
                hits.append(self._hit(entry, start, end))
        return hits

    def count(self, query: str) -> int:
        """How many hits :meth:`search` would find without a limit."""
        key = _query_key(query)
        if not key:
            return 0
        if _SPACE.search(key):
            return sum(sum(1 for _ in _find_folded(e.folded, key)) for e in self._entries.values())
        return sum(e.folded.count(key) for e in self._entries.values())

    @staticmethod
    def _hit(entry: _Entry, start: int, end: int) -> CorpusHit:
        document = entry.document
        block = _block_at(document, entry.starts, start)
        speaker = block.speaker if block is not None and block.kind == "turn" else None
        line, s, e = _snippet_in(document, block, start, end, SNIPPET_CONTEXT)
        return CorpusHit(document.path, document.title, speaker, start, end, line, s, e)
