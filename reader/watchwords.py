"""A reader's own watch-words: words highlighted in every document.

Kept in ``watchwords.json`` in :func:`reader.paths.config_dir` — the UI adds
and removes words, and a person may edit the file by hand::

    {"words": ["软件", "GPU", "Kevin Scott"]}

(a bare JSON list of strings is accepted too).  Words are stored as typed
and matched script- and case-insensitively, whole words for Latin
(:func:`reader.search.match_words`): 软件 highlights 軟件, and "gpu"
highlights "GPU" but not "GPUs" (add each form you want).  Two words that
fold alike (软件 and 軟件) are one watch-word: the first one kept.

Saving is atomic (:func:`reader.fsutil.atomic_write_text`): a crash never
leaves half a file.  A file that is not valid JSON of that shape raises
:class:`WatchWordsError` on load — the UI shows its one-line message and
goes on without watch-words, and does not overwrite the file until the
reader changes the list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from reader.convert import fold
from reader.fsutil import atomic_write_text
from reader.model import Document
from reader.paths import config_dir
from reader.search import match_words

__all__ = [
    "FILENAME",
    "WatchWordsError",
    "add_watchword",
    "load_watchwords",
    "normalize",
    "remove_watchword",
    "save_watchwords",
    "watchword_spans",
    "watchwords_path",
]

FILENAME = "watchwords.json"
MAX_LENGTH = 200  # a watch-word is a word or a phrase, not a paragraph


class WatchWordsError(Exception):
    """The watch-words file cannot be read; str() is a one-line message."""


def watchwords_path() -> Path:
    return config_dir() / FILENAME


def normalize(words: Iterable[str]) -> list[str]:
    """Stripped, inner whitespace as one space, no empty or over-long ones,
    one per folded form (the first), in the given order."""
    out: list[str] = []
    seen: set[str] = set()
    for word in words:
        if not isinstance(word, str):
            continue
        word = " ".join(word.split())
        key = fold(word)
        if not word or len(word) > MAX_LENGTH or key in seen:
            continue
        seen.add(key)
        out.append(word)
    return out


def load_watchwords(path: Path | None = None) -> list[str]:
    """The saved watch-words ([] if there is no file yet)."""
    path = path or watchwords_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise WatchWordsError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    try:
        data = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as error:
        raise WatchWordsError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
    words = data.get("words") if isinstance(data, dict) else data
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise WatchWordsError(f'{path}: expected {{"words": ["word", …]}}')
    return normalize(words)


def save_watchwords(words: Iterable[str], path: Path | None = None) -> list[str]:
    """Replace the saved watch-words; returns them as saved (normalised)."""
    words = normalize(words)
    text = json.dumps({"words": words}, ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(path or watchwords_path(), text)
    return words


def add_watchword(word: str, path: Path | None = None) -> list[str]:
    """Add one word (no change if it folds like one already there) and save."""
    return save_watchwords([*load_watchwords(path), word], path)


def remove_watchword(word: str, path: Path | None = None) -> list[str]:
    """Remove the word that folds like ``word`` (in any script) and save."""
    key = fold(" ".join(word.split()))
    return save_watchwords([w for w in load_watchwords(path) if fold(w) != key], path)


def watchword_spans(document: Document | str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every watch-word in a document, in offsets
    into ``Document.text``: sorted, non-overlapping, longest first where two
    start at one place (:func:`reader.search.match_words`)."""
    return match_words(document, words)
