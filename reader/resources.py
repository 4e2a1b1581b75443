"""Where the bundled corpus and the stylesheets are.

A wheel carries them as ``reader/_data/{corpus,styles}``; an editable install
or a source checkout has them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this installation")


def corpus_dir() -> Path:
    return _find("corpus")


def styles_dir() -> Path:
    return _find("styles")


def bundled_documents() -> list[Path]:
    return sorted(corpus_dir().glob("*.txt"))
