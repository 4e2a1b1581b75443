"""Latin-script words for keywords: tokens, and document frequencies over
a corpus for German and English (no jieba).

A token is a run of letters and digits of an alphabetic script (hyphens and
apostrophes split words: "Build-Konferenz" gives "Build" and "Konferenz",
"don't" gives "don" and "t"); its key is ``fold(token)`` (lower case), the
form it is compared, counted and stop-listed in.  A token is a candidate
keyword when it has at least two letters, at least three characters if it
is all lower case ("KI", "AI" and "xAI" count, "zu" does not), is no stop
word of the document's language (:func:`reader.keywords.stopwords.latin_stopwords`)
and is not a number.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from reader.convert import fold
from reader.model import Document

__all__ = ["LATIN_ALNUM", "LATIN_TOKEN", "KeywordCorpus", "counted_spans", "is_latin_candidate", "latin_tokens"]

# Letters and digits of the alphabetic scripts (Latin with its extensions,
# Greek, Cyrillic); the same classes reader.search matches whole words with.
LATIN_ALNUM = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
    "\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
)
LATIN_TOKEN = re.compile(f"[{LATIN_ALNUM}]+")
_LETTER = re.compile(r"[^\W\d_]")

# The blocks whose words count: what people say, narration and headings;
# never boilerplate (site chrome, "see also" links) or notes ("(掌声)").
# A word in a heading counts twice: headings name what a passage is about.
WEIGHTS = {"turn": 1, "narration": 1, "heading": 2}


def counted_spans(document: Document) -> list[tuple[int, int, int]]:
    """``(start, end, weight)`` of the blocks whose words count for
    keywords; the whole text, weight 1, when the document has no blocks."""
    if not document.blocks:
        return [(0, len(document.text), 1)] if document.text else []
    return [(b.start, b.end, WEIGHTS[b.kind]) for b in document.blocks if b.kind in WEIGHTS]


def is_latin_candidate(token: str, key: str, stop: frozenset[str]) -> bool:
    letters = len(_LETTER.findall(token))
    if letters < 2 or key in stop:
        return False
    return len(token) >= 3 or token != key  # short and all lower case: "zu", "ok"


def latin_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, int]]:
    """``(token, start, end)`` of the Latin-script tokens of ``text[start:end]``."""
    for match in LATIN_TOKEN.finditer(text, start, len(text) if end is None else end):
        yield match.group(), match.start(), match.end()


class KeywordCorpus:
    """Document frequencies of Latin-script keys over a set of documents,
    for the IDF of German and English keywords:
    ``idf = ln((1 + N) / (1 + df)) + 1`` (scikit-learn's smoothed IDF), so a
    word in every document weighs least and one only here most.

    Build it once for the documents the reader has open (the UI: in a
    worker, with the documents it loaded; it costs a regex scan per
    document) and pass it to :func:`reader.keywords.extract_keywords`.
    Chinese words use jieba's IDF table instead, whatever the corpus.
    """

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self.df: Counter[str] = Counter()
        self.size = 0
        for document in documents:
            self.add(document)

    def add(self, document: Document) -> None:
        keys: set[str] = set()
        folded = fold(document.text)
        for start, end, _ in counted_spans(document):
            keys.update(m.group() for m in LATIN_TOKEN.finditer(folded, start, end))
        self.df.update(keys)
        self.size += 1

    def idf(self, key: str) -> float:
        return math.log((1 + self.size) / (1 + self.df.get(key, 0))) + 1.0
