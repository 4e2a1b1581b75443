"""The display transform: document text → the text the reader sees.

Two core modules feed it, and both may still be missing in a checkout that
predates them: ``reader.sanitize`` (control characters → visible
placeholders) and ``reader.convert`` (Chinese script conversion).  Until they
exist the transform is sanitising-only with a single "original" mode; once
they import, they are used as they are, with no other change here.

Every transform keeps a map between display offsets and source offsets, so
that spans stored against ``Document.text`` can be drawn on converted text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import suppress
from dataclasses import dataclass
from typing import Protocol


def _missing(error: ModuleNotFoundError, module: str) -> bool:
    """Only the module itself being absent is tolerated, never a broken import inside it."""
    return error.name == module


try:
    from reader.sanitize import sanitize as _core_sanitize
except ModuleNotFoundError as error:  # pragma: no cover - depends on the checkout
    if not _missing(error, "reader.sanitize"):
        raise
    _core_sanitize = None

try:
    from reader import convert as _convert
except ModuleNotFoundError as error:  # pragma: no cover - depends on the checkout
    if not _missing(error, "reader.convert"):
        raise
    _convert = None

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀…␟, the Control Pictures block
    return "\u2421" if code == 0x7F else "\ufffd"


def sanitize(text: str) -> str:
    """Text safe to put on a terminal, with the same length (offsets survive)."""
    if _core_sanitize is not None:
        text = _core_sanitize(text)
    # Belt and braces: whatever the core leaves, no control byte may reach the
    # terminal; tabs become one space so that offsets stay one-to-one.
    return _CONTROL.sub(_placeholder, text).replace("\t", " ")


# --- script modes ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _StubMode:
    name: str
    label: str
    config: str | None


if _convert is not None:
    _MODES = list(_convert.MODES)
    _CYCLE = list(_convert.CYCLE)
else:
    _MODES = [_StubMode("original", "original", None)]
    _CYCLE = list(_MODES)


def _usable(mode) -> bool:
    """A mode whose OpenCC config the installed backend actually has."""
    return getattr(mode, "available", True)


def modes() -> list:
    """Every usable script mode, the first being the original text."""
    return [m for m in _MODES if _usable(m)]


def conversion_available() -> bool:
    return _convert is not None


def mode_named(name: str):
    """The mode called ``name`` (the original for a name no mode has)."""
    for mode in _MODES:
        if mode.name == name:
            return mode
    return _MODES[0]


def next_mode(name: str):
    """The mode after ``name`` in the order ``c`` steps through."""
    cycle = [m for m in _CYCLE if _usable(m)] or _MODES[:1]
    names = [m.name for m in cycle]
    index = names.index(name) if name in names else -1
    return cycle[(index + 1) % len(cycle)]


def preload(config: str) -> None:
    """Build a config's converter ahead of its first use (from a worker)."""
    if _convert is not None:
        with suppress(Exception):  # its first use will say what is wrong
            _convert.preload(config)


def mode_name(mode) -> str:
    """A mode's name, given the mode or its name."""
    return mode if isinstance(mode, str) else mode.name


# --- display text with offset maps -----------------------------------------


class Shown(Protocol):
    """A block's display text and the maps between its offsets and the source's."""

    text: str

    def to_source(self, offset: int) -> int: ...

    def to_display(self, offset: int) -> int: ...


class Identity:
    """Display text with the same length as its source: offsets are equal."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def to_source(self, offset: int) -> int:
        return offset

    def to_display(self, offset: int) -> int:
        return offset


class Paragraphs:
    """Converted paragraphs joined by newlines, each with its own offset map."""

    __slots__ = ("text", "_display_starts", "_source_starts", "_maps")

    def __init__(self, pieces: list[tuple[str, object]], source_lengths: list[int]) -> None:
        self.text = "\n".join(text for text, _ in pieces)
        self._maps = [mapped for _, mapped in pieces]
        self._display_starts = _starts([len(text) for text, _ in pieces])
        self._source_starts = _starts(source_lengths)

    def to_source(self, offset: int) -> int:
        i = max(0, bisect_right(self._display_starts, offset) - 1)
        local = offset - self._display_starts[i]
        return self._source_starts[i] + _map(self._maps[i], "to_source", local)

    def to_display(self, offset: int) -> int:
        i = max(0, bisect_right(self._source_starts, offset) - 1)
        local = offset - self._source_starts[i]
        return self._display_starts[i] + _map(self._maps[i], "to_display", local)


def _starts(lengths: list[int]) -> list[int]:
    starts, position = [], 0
    for length in lengths:
        starts.append(position)
        position += length + 1  # the newline between paragraphs
    return starts


def _map(mapped: object, method: str, offset: int) -> int:
    if mapped is None:
        return offset
    return getattr(mapped, method)(offset)


def show(text: str, config: str | None) -> Shown:
    """The display form of one block's text under a conversion config.

    Conversion runs per paragraph so that no phrase ever spans a newline."""
    text = sanitize(text)
    if config is None or _convert is None:
        return Identity(text)
    paragraphs = text.split("\n")
    if _convert.is_length_preserving(config):
        return Identity("\n".join(_convert.convert(p, config) for p in paragraphs))
    pieces = []
    for paragraph in paragraphs:
        mapped = _convert.convert_mapped(paragraph, config)
        pieces.append((mapped.text, mapped))
    return Paragraphs(pieces, [len(p) for p in paragraphs])


def show_plain(text: str, config: str | None) -> str:
    """Display form of a short label (speaker name, heading, title)."""
    text = sanitize(text)
    if config is None or _convert is None:
        return text
    return "\n".join(_convert.convert(p, config) for p in text.split("\n"))


def fold_to_simplified(name: str) -> str:
    """Script-neutral key for a name, so 奧特曼 and 奥特曼 are one speaker."""
    if _convert is None:
        return name
    try:
        return _convert.convert(name, "t2s")
    except Exception:  # a config name the converter does not know
        return name


# --- any text in the mode in force ---------------------------------------------


def config_for(mode, document=None) -> str | None:
    """The conversion config that shows ``document``'s text in ``mode``
    (a mode or its name): None for the original, for a mode the backend
    lacks, and for a document that is not Chinese, which is left as it is."""
    if document is not None and document.script is None and document.language != "zh":
        return None
    chosen = mode_named(mode_name(mode))
    return chosen.config if _usable(chosen) else None


def display(node, text: str, document=None, *, mode=None) -> str:
    """Any document text — a title, a speaker, a heading, a note, a search
    snippet, a quote — as the reader shows it right now: sanitised, and in
    the script mode in force for ``document`` (default: the open one).
    ``mode`` overrides the mode ("original" for a quote copied as written).

    The one way a UI part turns document text into what it draws, so every
    pane follows the ``c`` key; redraw on ``app.script_changed``.  Put the
    result in a Content (never a markup string)."""
    modes = getattr(node.app, "script_modes", None)
    if document is None and modes is not None:
        document = modes.document
    if mode is None:
        mode = modes.mode_for(getattr(document, "path", None)) if modes is not None else "original"
    return show_plain(text, config_for(mode, document))
