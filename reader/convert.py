"""Chinese script conversion: one small interface over OpenCC.

* :func:`convert` turns a string into another script with an OpenCC config
  ("s2t", "s2twp", …); :func:`convert_mapped` does the same and also returns
  an exact offset map (:class:`Mapped`) between the source and the result, so
  highlights, search hits and keyword spans — stored as offsets into the
  source text — can be drawn on, and copied from, the converted text.
* :data:`MODES` are the display modes of the UI; :data:`CYCLE` the five the
  ``c`` key steps through.
* :func:`fold` makes text comparable for search across scripts and case
  without changing its length; :func:`has_chinese` tells whether conversion
  can change anything at all.

Converters are built once per config and kept (each costs up to ~130 ms to
build: :func:`preload` them off the UI thread).  Nothing here caches
*results*: callers convert once per mode and keep the result, never on the
render path of a frame.

Why offsets stay exact.  OpenCC replaces matches of dictionary keys by their
values.  In every character config (s2t, t2s, s2tw, s2hk, t2tw, …) each value
has as many code points as its key — checked against the dictionaries by
tests/test_convert_api.py — so the result is aligned with the source code
point by code point (astral characters included: a Python ``str`` counts code
points, and the compatibility-ideograph normalisation maps one code point to
one).  Only the phrase configs (s2twp, tw2sp, s2hkp, hk2sp) replace words by
words of another length (计算机科学→電腦科學, U盘→隨身碟, 使用者→用户); for them
:func:`convert_mapped` cuts the text into pieces that convert on their own to
exactly the piece of the result they map to, and maps offsets piece by piece.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, compress
from operator import ne
from pathlib import Path

__all__ = [
    "ALIASES",
    "CYCLE",
    "KNOWN_CONFIGS",
    "MODES",
    "ConversionError",
    "Mapped",
    "Mode",
    "available_configs",
    "cli_targets",
    "convert",
    "convert_mapped",
    "fold",
    "has_chinese",
    "is_length_preserving",
    "mode_named",
    "preload",
    "resolve_target",
]


class ConversionError(ValueError):
    """An unknown config, or one the installed OpenCC backend lacks; str() is
    a one-line message for the user."""


# --------------------------------------------------------------------------
# Configs and modes

# Every config OpenCC 1.4 ships, in a stable order for messages.
KNOWN_CONFIGS = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
    "s2hkp", "hk2sp", "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)  # fmt: skip
# The configs whose dictionaries replace words by words of another length.
_PHRASE_CONFIGS = frozenset({"s2twp", "tw2sp", "s2hkp", "hk2sp"})
# For each phrase config, the character config it extends: the same chain
# without the regional phrase dictionary.  Where both agree on a piece of
# text, the phrase config changed nothing there but characters, so that
# piece is aligned code point by code point.
_CHARACTER_TWIN = {"s2twp": "s2tw", "tw2sp": "tw2s", "s2hkp": "s2hk", "hk2sp": "hk2s"}


@dataclass(frozen=True, slots=True)
class Mode:
    """A way to display Chinese text: ``config`` is None for the original."""

    name: str
    label: str
    config: str | None

    @property
    def available(self) -> bool:
        return self.config is None or self.config in available_configs()


# Character modes take mixed input (a traditional source with simplified
# leftovers converts whole); the phrase modes are a separate, explicit choice
# because they change words and lengths.
MODES = (
    Mode("original", "原文", None),
    Mode("simplified", "简体", "t2s"),
    Mode("traditional", "繁體", "s2t"),
    Mode("taiwan", "臺灣", "s2tw"),
    Mode("hongkong", "香港", "s2hk"),
    Mode("taiwan-phrases", "臺灣詞彙", "s2twp"),
    Mode("hongkong-phrases", "香港詞彙", "s2hkp"),
    Mode("simplified-phrases", "大陆词汇", "tw2sp"),
)
_MODES_BY_NAME = {m.name: m for m in MODES}
CYCLE = tuple(_MODES_BY_NAME[n] for n in ("original", "simplified", "traditional", "taiwan", "hongkong"))

# `reader convert --to` accepts these besides the config names.
ALIASES = {"simplified": "t2s", "traditional": "s2t", "taiwan": "s2tw", "hongkong": "s2hk"}


def mode_named(name: str) -> Mode:
    try:
        return _MODES_BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown display mode {name!r}; valid modes: {', '.join(_MODES_BY_NAME)}") from None


def cli_targets() -> list[str]:
    """Every name ``resolve_target`` accepts, aliases first."""
    names = list(ALIASES)
    names += [m.name for m in MODES if m.config and m.name not in ALIASES]
    return names + list(KNOWN_CONFIGS)


def resolve_target(name: str) -> str:
    """The config for a CLI mode: an alias, a mode name or a config name."""
    key = name.strip().lower()
    config = ALIASES.get(key) or (_MODES_BY_NAME[key].config if key in _MODES_BY_NAME else None)
    if config is None and key in KNOWN_CONFIGS:
        config = key
    if config is None:
        raise ConversionError(f"unknown mode {name!r}; valid modes: {', '.join(cli_targets())}")
    _require(config)
    return config


def is_length_preserving(config: str) -> bool:
    """True when every code point converts to exactly one code point."""
    return config in KNOWN_CONFIGS and config not in _PHRASE_CONFIGS


# --------------------------------------------------------------------------
# The backend: feature detection and cached converters

_lock = threading.RLock()
_available: frozenset[str] | None = None
_converters: dict[str, object] = {}


def available_configs() -> frozenset[str]:
    """The configs the installed OpenCC backend can build (detected once)."""
    global _available
    if _available is None:
        with _lock:
            if _available is None:
                _available = _detect_configs()
    return _available


def _detect_configs() -> frozenset[str]:
    try:
        import opencc
    except ImportError:
        return frozenset()
    # The official binding lists the JSON configs it ships.
    listed = getattr(opencc, "CONFIGS", None)
    if not listed:
        # Other backends (opencc-python-reimplemented) keep them in a folder.
        folder = Path(opencc.__file__).parent / "config"
        listed = [p.name for p in folder.glob("*.json")] if folder.is_dir() else []
    names = {n.removesuffix(".json") for n in listed}
    if not names:  # nothing listed: try building each one
        names = {c for c in KNOWN_CONFIGS if _build(c) is not None}
    return frozenset(names)


def _build(config: str):
    try:
        import opencc

        return opencc.OpenCC(config)
    except Exception:  # noqa: BLE001 — any failure means "not available"
        return None


def _require(config: str) -> None:
    if config not in available_configs():
        have = ", ".join(c for c in KNOWN_CONFIGS if c in available_configs()) or "none"
        if config in KNOWN_CONFIGS:
            raise ConversionError(f"the installed OpenCC backend has no {config} config (it has: {have})")
        raise ConversionError(f"unknown OpenCC config {config!r}; valid configs: {have}")


def _converter(config: str):
    conv = _converters.get(config)
    if conv is None:
        with _lock:
            conv = _converters.get(config)
            if conv is None:
                _require(config)
                conv = _build(config)
                if conv is None:
                    raise ConversionError(f"the installed OpenCC backend cannot load its {config} config")
                _converters[config] = conv
    return conv


def preload(*configs: str) -> None:
    """Build the converters now (in a worker, say) rather than on first use:
    the s2t family takes 50–130 ms each.  A phrase config's character twin
    (which convert_mapped uses too) comes along."""
    for config in configs:
        _converter(config)
        if _CHARACTER_TWIN.get(config) in available_configs():
            _converter(_CHARACTER_TWIN[config])


# OpenCC takes a UTF-8 C string: a NUL ends it early and a lone surrogate
# cannot be encoded.  Neither ever occurs in a dictionary key, so the text
# converts around them, leaving them as they are.
_UNCONVERTIBLE = re.compile(r"([\x00\ud800-\udfff]+)")
# The binding holds the GIL while it converts (up to 0.15 s per million
# characters), so a long text goes in chunks of whole lines: a worker thread
# converting a 10 MB transcript then stalls the UI's thread for milliseconds
# at a time, not seconds.  No key spans a newline: the result is the same.
_CHUNK = 1 << 16


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of whole lines, each at least _CHUNK long but the last."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK) + 1 or len(text)
        yield text[start:end]
        start = end


def _run(conv, text: str) -> str:
    if len(text) > _CHUNK:
        return "".join(_run_one(conv, chunk) for chunk in _chunks(text))
    return _run_one(conv, text)


def _run_one(conv, text: str) -> str:
    if not text:
        return text
    if "\x00" not in text:
        try:
            return conv.convert(text)
        except UnicodeEncodeError:
            pass
    parts = _UNCONVERTIBLE.split(text)  # odd indices are the separators
    return "".join(p if i % 2 else conv.convert(p) if p else p for i, p in enumerate(parts))


def convert(text: str, config: str) -> str:
    """``text`` converted with an OpenCC config (ConversionError if unknown)."""
    conv = _converter(config)
    # Every dictionary key has a Han character (tests/test_convert_api.py),
    # so other text comes back as it is; finding that out is much faster.
    return _run(conv, text) if has_chinese(text) else text


# --------------------------------------------------------------------------
# Offset maps


class Mapped:
    """A converted string and an exact offset map to and from its source.

    The map is a list of piece boundaries, each a pair of offsets (source,
    display).  Pieces come in *units*: a unit of the source converts on its
    own to exactly its unit of the display text (a sentence, 软件→軟體,
    计算机科学→電腦科學).  A piece is *aligned* when its characters convert
    one to one: all of a length-preserving conversion, and in a unit the
    phrase config rewrote, the characters at its start and end that came out
    as a character config would have them (科学→科學 in 计算机科学→電腦科學,
    软→軟 in 软件→軟體).  Inside an aligned piece offsets map one to one;
    inside the rest of a rewritten unit (计算机↔電腦, 内存↔記憶體) an offset maps to
    the start of that piece, and a span grows to the smallest span of whole
    pieces that encloses it.  Offsets are clamped to the text, as in slicing.

    A map without pieces is the identity (``is_identity``): what every
    length-preserving conversion gives, at no cost per character.
    """

    __slots__ = ("_aligned", "_dst", "_inner", "_src", "source_length", "text")

    def __init__(self, text: str, source_length: int, pieces: _Pieces | None = None) -> None:
        self.text = text  # the displayed text
        self.source_length = source_length
        # Piece boundaries, strictly increasing from 0 to the length of the
        # source (_src) and of the display text (_dst); per piece, whether it
        # is aligned; per boundary, whether it lies inside a unit.
        self._src = pieces.src if pieces else None
        self._dst = pieces.dst if pieces else None
        self._aligned = pieces.aligned if pieces else None
        self._inner = pieces.inner if pieces else None

    @property
    def is_identity(self) -> bool:
        return self._src is None

    def __repr__(self) -> str:
        pieces = "identity" if self._src is None else f"{len(self._aligned)} pieces"
        return f"Mapped({self.text[:20]!r}, {self.source_length}→{len(self.text)}, {pieces})"

    def to_display(self, offset: int) -> int:
        return self._floor(offset, self._src, self._dst, self.source_length)

    def to_source(self, offset: int) -> int:
        return self._floor(offset, self._dst, self._src, len(self.text))

    def span_to_display(self, start: int, end: int) -> tuple[int, int]:
        return self._span(start, end, self._src, self._dst, self.source_length)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        return self._span(start, end, self._dst, self._src, len(self.text))

    def pieces(self) -> Iterator[tuple[int, int, int, int, bool]]:
        """``(src_start, src_end, disp_start, disp_end, aligned)`` in order."""
        if self._src is None:
            yield (0, self.source_length, 0, len(self.text), True)
            return
        src, dst = self._src, self._dst
        for i, aligned in enumerate(self._aligned):
            yield (src[i], src[i + 1], dst[i], dst[i + 1], bool(aligned))

    def units(self) -> Iterator[tuple[int, int, int, int]]:
        """``(src_start, src_end, disp_start, disp_end)``: spans of the source
        that convert on their own to exactly that span of the display text."""
        if self._src is None:
            yield (0, self.source_length, 0, len(self.text))
            return
        src, dst, inner = self._src, self._dst, self._inner
        start = 0
        for i in range(1, len(src)):
            if not inner[i]:
                yield (src[start], src[i], dst[start], dst[i])
                start = i

    def _floor(self, offset: int, a, b, length: int) -> int:
        offset = min(max(offset, 0), length)
        if a is None:
            return offset
        i = bisect_right(a, offset) - 1
        if a[i] == offset or not self._aligned[i]:
            return b[i]
        return b[i] + offset - a[i]

    def _ceil(self, offset: int, a, b, length: int) -> int:
        offset = min(max(offset, 0), length)
        if a is None:
            return offset
        i = bisect_left(a, offset)
        if a[i] == offset:
            return b[i]
        if self._aligned[i - 1]:
            return b[i - 1] + offset - a[i - 1]
        return b[i]

    def _span(self, start: int, end: int, a, b, length: int) -> tuple[int, int]:
        if start > end:
            raise ValueError(f"span ({start}, {end}) ends before it starts")
        return self._floor(start, a, b, length), self._ceil(end, a, b, length)


class _Pieces:
    """Collects pieces left to right into the arrays of a Mapped."""

    def __init__(self) -> None:
        self.src = array("q", [0])
        self.dst = array("q", [0])
        self.aligned = bytearray()
        self.inner = bytearray(1)

    def add(self, src_len: int, dst_len: int, aligned: bool, inner: bool = False, join: bool = False) -> None:
        # An aligned piece merges into an aligned piece before it where the
        # cut between them is one no dictionary key can span (``join``): the
        # two units make one unit that still converts on its own.
        if join and aligned and self.aligned and self.aligned[-1]:
            self.src[-1] += src_len
            self.dst[-1] += dst_len
            return
        self.src.append(self.src[-1] + src_len)
        self.dst.append(self.dst[-1] + dst_len)
        self.aligned.append(aligned)
        self.inner[-1] = inner  # the boundary at the start of this piece
        self.inner.append(False)


# Characters that occur in no key of any OpenCC dictionary (checked by
# tests/test_convert_api.py), so conversion never reaches across them: text
# cut after a run of them converts piece by piece to the same result.  Not
# "·" or "-" (dictionary names like 丹尼·博伊爾) nor letters (U盘, SQL注入).
_SEPARATORS = "\\s，。！？；：、…—～（）「」『』《》〈〉【】〔〕“”‘’,.!?;:()\\[\\]\"'"
_SENTENCE_END = re.compile(f"(?<=[{_SEPARATORS}])(?=[^{_SEPARATORS}])")  # zero width
# Cuts are marked in the text with a character OpenCC passes through as is.
_MARKERS = ("\x1e", "\x1f", "\ufdd0", "\ufdd1")
# A phrase key has at most 15 code points: a valid cut is always that close.
_WINDOW = 16


def convert_mapped(text: str, config: str) -> Mapped:
    """``text`` converted with an OpenCC config, with an exact offset map."""
    conv = _converter(config)
    if not has_chinese(text):
        return Mapped(text, len(text))
    if is_length_preserving(config):
        out = _run(conv, text)
        if len(out) == len(text):
            return Mapped(out, len(text))
    twin_name = _CHARACTER_TWIN.get(config)
    twin = _converter(twin_name) if twin_name in available_configs() else None
    pieces = _Pieces()
    # Chunks of whole lines, for the GIL's sake as in _run: no key spans a
    # newline, so each chunk maps on its own.
    out = "".join(_map_pieces(chunk, conv, twin, pieces) for chunk in _chunks(text))
    if len(pieces.aligned) == 1 and pieces.aligned[0]:
        return Mapped(out, len(text))  # changed characters only: the identity
    return Mapped(out, len(text), pieces)


def _map_pieces(text: str, conv, twin, pieces: _Pieces) -> str:
    """Convert ``text``, adding the pieces of its map to ``pieces``.

    Cut the text after every run of separators, and convert all the
    sentences with one call, a marker between them; a sentence that converts
    as its character twin does is an aligned piece, and only the others are
    split further by :func:`_split`.  Cost: two conversions of the text plus a
    few short ones per changed word, never quadratic.
    """
    twin_run = (lambda s: _run_one(twin, s)) if twin is not None else (lambda s: s)
    marker = next((m for m in _MARKERS if m not in text), None)
    sources = targets = refs = None
    if marker is not None:
        marked = _SENTENCE_END.sub(marker, text)
        sources = marked.split(marker)
        targets = _run_one(conv, marked).split(marker)
        refs = twin_run(marked).split(marker)
        if not len(targets) == len(sources) == len(refs):  # a backend that ate a marker
            sources = None
    if sources is None:
        sources, targets, refs = [text], [_run_one(conv, text)], [twin_run(text)]

    # Runs of sentences that convert as their twin does are aligned pieces;
    # find the others without a Python loop over every sentence.
    src_start, dst_start = pieces.src[-1], pieces.dst[-1]
    src_ends = list(accumulate(map(len, sources), initial=src_start))
    dst_ends = list(accumulate(map(len, targets), initial=dst_start))
    done = 0  # sentences before this one are in ``pieces``
    for i in compress(range(len(sources)), map(ne, targets, refs)):
        if i > done:
            pieces.add(src_ends[i] - pieces.src[-1], dst_ends[i] - pieces.dst[-1], True, join=True)
        leaves: list[tuple[int, int, bool, bool]] = []
        _split(sources[i], targets[i], refs[i], conv, leaves)
        for k, (src_len, dst_len, aligned, inner) in enumerate(leaves):
            pieces.add(src_len, dst_len, aligned, inner, join=k == 0)
        done = i + 1
    if done < len(sources):
        pieces.add(src_ends[-1] - pieces.src[-1], dst_ends[-1] - pieces.dst[-1], True, join=True)
    return "".join(targets)


def _split(source: str, target: str, ref: str, conv, leaves: list) -> None:
    """Cut ``source`` (which converts to ``target``, unlike its character
    twin ``ref``) into the smallest units that convert on their own, and
    append their pieces to ``leaves`` as ``(src_len, dst_len, aligned, inner)``.

    A cut is valid when the two halves convert to the two halves of
    ``target``.  The first candidates come from where ``target`` and ``ref``
    agree: the changed word starts at most a key's length before their common
    prefix ends, and ends at most that after their common suffix starts; then
    the middle.  Each valid cut halves the work, so a long line costs
    O(n log n), and only the changed parts are split at all.
    """
    n = len(source)
    prefix, suffix = _affixes(target, ref)
    if n > 1:
        for cut in _candidates(n, prefix, suffix):
            left = _run(conv, source[:cut])
            if not target.startswith(left):
                continue
            right = _run(conv, source[cut:])
            if len(left) + len(right) != len(target) or not target.endswith(right):
                continue
            # A slice of ``ref`` is still aligned with the same slice of the
            # source, so the halves need no conversion by the twin.
            for part, part_target, part_ref in ((source[:cut], left, ref[:cut]), (source[cut:], right, ref[cut:])):
                if part_target == part_ref:
                    leaves.append((len(part), len(part_target), True, False))
                else:
                    _split(part, part_target, part_ref, conv, leaves)
            return
    # No valid cut: a unit that converts only as a whole (计算机科学→電腦科學).
    # Its ends that agree with the character twin are aligned pieces.
    core_src, core_dst = n - prefix - suffix, len(target) - prefix - suffix
    if prefix:
        leaves.append((prefix, prefix, True, False))
    leaves.append((core_src, core_dst, False, prefix > 0))
    if suffix:
        leaves.append((suffix, suffix, True, True))


def _affixes(target: str, ref: str) -> tuple[int, int]:
    """The lengths of the common prefix and suffix of ``target`` and ``ref``,
    leaving at least one character of each between them."""
    limit = min(len(target), len(ref)) - 1
    prefix = 0
    while prefix < limit and target[prefix] == ref[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and target[-1 - suffix] == ref[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _candidates(n: int, prefix: int, suffix: int) -> Iterator[int]:
    """Cuts to try, best first, each once (lazily: the first usually works)."""
    mid = n // 2
    # ``ref`` is aligned with the source, so its suffix starts at n - suffix.
    order = chain(
        range(prefix, prefix - _WINDOW, -1) if prefix else (),
        range(n - suffix, n - suffix + _WINDOW) if suffix else (),
        chain.from_iterable((mid - step, mid + step + 1) for step in range(_WINDOW)),
    )
    seen = set()
    for cut in order:
        if 0 < cut < n and cut not in seen:
            seen.add(cut)
            yield cut


# --------------------------------------------------------------------------
# Search folding and script detection

_FOLD_CONFIG = "t2s"  # length-preserving; applied to one character at a time


class _FoldTable(dict):
    """Code point → folded character, learnt the first time a character is
    seen; str.translate looks every character up here, so a table that maps
    unchanged characters to themselves too is also the faster one."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        f = c
        if c >= "\u2e80" and has_chinese(c) and _FOLD_CONFIG in available_configs():
            # Until nothing changes: t2s takes 薴 to 苧 and 苧 to 苎, and a
            # query typed as 苧 must find 薴.
            for _ in range(4):
                simplified = convert(f, _FOLD_CONFIG)
                if len(simplified) != 1 or simplified == f:
                    break
                f = simplified
        if "\uff01" <= f <= "\uff5e":  # full-width ASCII
            f = chr(ord(f) - 0xFEE0)
        lower = f.lower()
        if len(lower) == 1:
            f = lower
        self[code] = f
        return f


_fold_table = _FoldTable()


def fold(text: str) -> str:
    """``text`` made script- and case-insensitive for search, same length.

    Every character folds on its own, never in context, so folding a query
    and folding the document agree on every substring: traditional →
    simplified with t2s, run on each character alone (乾隆 folds to 干隆, as
    乾 does to 干) and again until it stays (folding is idempotent);
    full-width ASCII → ASCII; then ``str.lower``.  Each step is kept only
    where it gives exactly one code point ("İ".lower() has two, so İ stays),
    so ``len(fold(t)) == len(t)`` and offsets into the folded text are
    offsets into the text.
    """
    return text.translate(_fold_table)


# CJK Unified Ideographs with extension A, the compatibility block and the
# supplementary ideographic planes (extensions B and later).
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def has_chinese(text: str) -> bool:
    """Whether ``text`` has any Han character, i.e. conversion can change it."""
    return _HAN.search(text) is not None
