"""The stop-word lists shipped in ``reader/keywords/data/``.

``stopwords-zh.txt`` (simplified Chinese), ``stopwords-de.txt`` and
``stopwords-en.txt``: written for reader, one or more words a line, ``#``
starts a comment.  Words are returned in the form they are compared in:
Chinese as written (simplified), Latin in lower case.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

__all__ = ["latin_stopwords", "stopwords"]


@cache
def stopwords(language: str) -> frozenset[str]:
    """The stop words of ``"zh"``, ``"de"`` or ``"en"`` (empty for others)."""
    path = DATA / f"stopwords-{language}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(word.lower() for word in line.split())
    return frozenset(words)


@cache
def latin_stopwords(language: str) -> frozenset[str]:
    """Stop words for the Latin-script words of a document in ``language``:
    English and German for German text (German transcripts quote English
    terms) and for text of unknown language, English for everything else
    (the Latin words inside Chinese text are English names and terms)."""
    if language in ("de", "und", ""):
        return stopwords("de") | stopwords("en")
    return stopwords("en")
