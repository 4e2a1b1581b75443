"""Two versions of one interview, aligned turn by turn.

**Turns.** :func:`turns_of` lists a document's *real* turns: every ``turn``
block starts a new turn, except a ``continuation=True`` block (the rest of
a turn after web chrome or a note interrupted it), which is merged into the
turn before it when that turn has the same speaker.  Headings, narration,
notes and boilerplate are not turns.  "Turn index" everywhere in this
module, in :mod:`reader.pairs` and in ``reader align --json`` is the index in
that list, so a version whose parser split a turn still counts it once.

**Alignment.** :func:`align` maps the speakers of A to those of B
(:func:`map_speakers`), then runs a global (Needleman–Wunsch) alignment over
the two turn lists.  A pair of turns scores for the same (mapped) speaker
and for a similar *share* of its document's total turn length (Chinese
needs 3–4 times fewer characters than German for the same speech, so raw
lengths are not comparable, shares are).  A turn left out of the other
version becomes a gap: ``(i, None)`` or ``(None, j)``.  When there are gaps,
the shares are measured again against the matched turns only and the turns
aligned once more (at most :data:`REFINE_PASSES` times): a missing turn
inflates every other share of the version that lacks it.

**Size.** The full table has (n+1)·(m+1) cells; up to :data:`MAX_CELLS` it is
computed whole (exact).  Beyond, only a band around the scaled diagonal
``j ≈ i·m/n`` is, as wide as the cell budget allows but never narrower than
``|n − m| + BAND_SLACK`` — so a run of turns missing from one version still
fits.  Time and memory are O(cells) per pass (about 0.6 s per million
cells); moves are kept as one byte per cell.  So 5,000 × 5,000 turns take a
band of ~100 on either side: 1M cells, not 25M.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import permutations
from typing import Literal

from reader.model import Block, Document

Side = Literal["a", "b"]
Pairs = tuple[tuple[int | None, int | None], ...]

SAME_SPEAKER = 2.0
OTHER_SPEAKER = -2.0
# Length similarity (0..1) is centred on 0.5: a pair of different speakers
# whose lengths agree better than half still beats two gaps (-2), which is
# what a speaker mislabelled by the parser looks like.
LENGTH_CENTRE = 0.5
GAP = -1.0
REFINE_PASSES = 2  # re-alignments with shares of the matched turns only (align_turns)
MAX_CELLS = 1_000_000  # exact up to ~1,000 × 1,000 turns
BAND_SLACK = 64
# Speakers matched by their pattern of turns try every assignment up to
# this many (6! = 720); more fall back to their order of first appearance.
MAX_PERMUTED_SPEAKERS = 6


@dataclass(frozen=True, slots=True)
class Turn:
    """One real turn: a turn block and the continuation blocks merged into it."""

    index: int
    speaker: str | None
    blocks: tuple[Block, ...]
    length: int  # letters and digits (a Han character counts one), no spaces or punctuation

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end


def turns_of(document: Document) -> list[Turn]:
    """The document's real turns in order (see the module docstring)."""
    turns: list[Turn] = []
    for block in document.blocks:
        if block.kind != "turn":
            continue
        length = sum(1 for ch in document.block_text(block) if ch.isalnum())
        last = turns[-1] if turns else None
        if block.continuation and last is not None and last.speaker == block.speaker:
            turns[-1] = Turn(last.index, last.speaker, (*last.blocks, block), last.length + length)
        else:
            turns.append(Turn(len(turns), block.speaker, (block,), length))
    return turns


def turn_at(turns: Sequence[Turn], offset: int) -> int | None:
    """The index of the turn whose text holds ``offset`` (an offset into
    ``Document.text``), or None between turns or outside them."""
    starts = [t.start for t in turns]
    k = bisect_right(starts, offset) - 1
    if k < 0:
        return None
    turn = turns[k]
    return k if any(b.start <= offset < b.end for b in turn.blocks) else None


def turn_text(document: Document, turn: Turn) -> str:
    """The turn's speech; continuation blocks joined by a blank line."""
    return "\n\n".join(document.block_text(b) for b in turn.blocks)


# --- speakers ---------------------------------------------------------------------

# Markers in a speaker profile's keys, never speakers' names.
_START = object()  # the "speaker" before the first turn: who opens counts
_TURNS, _TEXT = object(), object()
_MARKERS = {_START: _START, _TURNS: _TURNS, _TEXT: _TEXT}


def _name_key(name: str | None) -> str:
    """Case-folded, NFKC, punctuation dropped: "KEVIN  SCOTT" == "Kevin Scott"."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _first_appearance(turns: Sequence[Turn]) -> list[str | None]:
    return list(dict.fromkeys(t.speaker for t in turns))


def map_speakers(a: Sequence[Turn], b: Sequence[Turn]) -> dict[str | None, str | None]:
    """A's speakers → B's.  Equal names first (case-folded: "Kevin Scott" in
    both); the rest — names in different scripts, 凯文 and Kevin Scott — by
    who speaks how often and after whom (:func:`_match_by_pattern`).  Not
    every speaker need be mapped when the two casts differ in size."""
    names_a, names_b = _first_appearance(a), _first_appearance(b)
    mapping = _match_by_name(names_a, names_b)
    rest_a = [n for n in names_a if n not in mapping]
    rest_b = [n for n in names_b if n not in mapping.values()]
    if rest_a and rest_b:
        mapping |= _match_by_pattern(a, b, mapping, rest_a, rest_b)
    return mapping


def _match_by_name(names_a: list, names_b: list) -> dict:
    # A key shared by two speakers of one version ("Speaker" and "SPEAKER")
    # is no evidence: such names are left to the pattern.
    count_a, count_b = Counter(map(_name_key, names_a)), Counter(map(_name_key, names_b))
    by_key_b = {_name_key(n): n for n in names_b}
    mapping = {}
    for name in names_a:
        key = _name_key(name)
        if count_a[key] == 1 and count_b[key] == 1:
            mapping[name] = by_key_b[key]
    return mapping


def _match_by_pattern(a, b, fixed: dict, rest_a: list, rest_b: list) -> dict:
    """The assignment of ``rest_a`` to ``rest_b`` under which both versions
    agree best on each speaker's share of the turns and of the text, and on
    who follows whom (:func:`_speaker_profile`).  Ties keep the order of
    first appearance, which is also the fallback for large casts."""
    if max(len(rest_a), len(rest_b)) > MAX_PERMUTED_SPEAKERS:
        return dict(zip(rest_a, rest_b))
    profile_a, profile_b = _speaker_profile(a), _speaker_profile(b)
    if len(rest_a) <= len(rest_b):
        candidates = (dict(zip(rest_a, p)) for p in permutations(rest_b, len(rest_a)))
    else:
        candidates = (dict(zip(p, rest_b)) for p in permutations(rest_a, len(rest_b)))
    best, best_score = {}, -1.0
    for candidate in candidates:  # the first one is the order of first appearance
        score = _agreement(profile_a, profile_b, {**fixed, **candidate, **_MARKERS})
        if score > best_score + 1e-9:
            best, best_score = candidate, score
    return best


def _speaker_profile(turns: Sequence[Turn]) -> dict[tuple, float]:
    """Fractions that do not depend on the language: each speaker's share of
    the turns and of the text, and each (previous speaker, speaker) share of
    the transitions, the opening speaker counting as following _START.  The
    share of text tells apart two speakers who simply alternate."""
    n, total = len(turns), sum(t.length for t in turns) or 1
    profile: Counter = Counter()
    previous = _START
    for turn in turns:
        profile[(_TURNS, turn.speaker)] += 1 / n
        profile[(_TEXT, turn.speaker)] += turn.length / total
        profile[(previous, turn.speaker)] += 1 / n
        previous = turn.speaker
    return profile


def _agreement(profile_a: dict, profile_b: dict, mapping: dict) -> float:
    """How much of the two profiles overlaps once A's names are mapped."""
    total = 0.0
    for key, share in profile_a.items():
        if all(s in mapping for s in key):
            total += min(share, profile_b.get(tuple(mapping[s] for s in key), 0.0))
    return total


# --- alignment --------------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    """The turns of A and B in one order: ``(a, b)`` pairs of turn indices,
    None where a turn has no counterpart.  Each index of either side occurs
    exactly once, in increasing order."""

    pairs: Pairs
    speakers: dict[str | None, str | None]  # A's speaker → B's
    score: float

    def to_json(self) -> list[dict[str, int | None]]:
        """What `reader align --json` prints."""
        return [{"a": a, "b": b} for a, b in self.pairs]

    @property
    def matched(self) -> list[tuple[int, int]]:
        return [(a, b) for a, b in self.pairs if a is not None and b is not None]

    @cached_property
    def _counterparts(self) -> dict[Side, list[int | None]]:
        size_a = 1 + max((a for a, _ in self.pairs if a is not None), default=-1)
        size_b = 1 + max((b for _, b in self.pairs if b is not None), default=-1)
        found: dict[Side, list[int | None]] = {"a": [None] * size_a, "b": [None] * size_b}
        for a, b in self.pairs:
            if a is not None:
                found["a"][a] = b
            if b is not None:
                found["b"][b] = a
        return found


def counterpart(alignment: Alignment, side: Side, turn_index: int, *, nearest: bool = False) -> int | None:
    """The index of the turn in the *other* version aligned with turn
    ``turn_index`` of ``side``; None if it has none (or no such turn).

    ``nearest=True`` is for scrolling together: a turn without a counterpart
    gives that of the closest turn before it that has one (or after it, when
    no turn before it has one)."""
    if side not in ("a", "b"):
        raise ValueError(f"side must be 'a' or 'b', not {side!r}")
    found = alignment._counterparts[side]
    if not 0 <= turn_index < len(found):
        return None
    if found[turn_index] is not None or not nearest:
        return found[turn_index]
    for k in [*range(turn_index - 1, -1, -1), *range(turn_index + 1, len(found))]:
        if found[k] is not None:
            return found[k]
    return None


def align(a: Document, b: Document) -> Alignment:
    """Align the real turns of two versions of one interview."""
    return align_turns(turns_of(a), turns_of(b))


def align_turns(a: Sequence[Turn], b: Sequence[Turn]) -> Alignment:
    speakers = map_speakers(a, b)
    ids_b = {name: k for k, name in enumerate(_first_appearance(b))}
    # A speaker of A without a partner in B gets an id no turn of B has.
    keys_a = [ids_b[speakers[t.speaker]] if t.speaker in speakers else -1 for t in a]
    keys_b = [ids_b[t.speaker] for t in b]
    pairs, score = _needleman_wunsch(keys_a, shares(a), keys_b, shares(b))
    for _ in range(REFINE_PASSES):
        # A turn missing from one version inflates the shares of all the
        # other turns of the other (20% of the text missing: every share is
        # 25% larger).  Measured against the turns matched so far instead,
        # the shares of true counterparts agree again; align once more.
        matched = [(i, j) for i, j in pairs if i is not None and j is not None]
        if not matched or len(matched) == len(a) == len(b):
            break  # nothing to measure against, or nothing missing
        shares_a, shares_b = shares(a, [i for i, _ in matched]), shares(b, [j for _, j in matched])
        refined = _needleman_wunsch(keys_a, shares_a, keys_b, shares_b)
        if refined[0] == pairs:
            break
        pairs, score = refined
    return Alignment(pairs, speakers, score)


def shares(turns: Sequence[Turn], among: Sequence[int] | None = None) -> list[float]:
    """Each turn's share of the document's total turn length (or of the
    total of the turns ``among``): comparable across languages, where raw
    lengths are not."""
    total = sum(turns[k].length for k in among) if among is not None else sum(t.length for t in turns)
    return [t.length / total if total else 0.0 for t in turns]


def length_similarity(share_a: float, share_b: float) -> float:
    """min/max of two shares, 0..1 (1.0 for two empty turns)."""
    big = max(share_a, share_b)
    return min(share_a, share_b) / big if big else 1.0


def _row_scores(key_a: int, share_a: float, keys_b: Sequence[int], shares_b: Sequence[float]) -> list[float]:
    """The score of turn A (speaker key, share of text) against each turn of
    B given: same speaker or not, plus :func:`length_similarity` (inlined)
    less LENGTH_CENTRE.  One comprehension per row of the table rather than
    a call per cell: that is most of the time spent."""
    return [
        (SAME_SPEAKER if key_b == key_a else OTHER_SPEAKER)
        - LENGTH_CENTRE
        + (min(share_b, share_a) / big if (big := max(share_b, share_a)) else 1.0)
        for key_b, share_b in zip(keys_b, shares_b)
    ]


def band_half_width(n: int, m: int) -> int:
    """How far from the scaled diagonal the table is computed (see module)."""
    if (n + 1) * (m + 1) <= MAX_CELLS:
        return max(n, m) + 1
    return max(abs(n - m) + BAND_SLACK, MAX_CELLS // (2 * (n + 1)))


_DIAG, _UP, _LEFT = 1, 2, 3  # came from (i-1, j-1), (i-1, j), (i, j-1)
_NEG = -math.inf


def _needleman_wunsch(keys_a, shares_a, keys_b, shares_b) -> tuple[Pairs, float]:
    n, m = len(keys_a), len(keys_b)
    if not n or not m:
        return tuple((i, None) for i in range(n)) + tuple((None, j) for j in range(m)), GAP * (n + m)
    width = band_half_width(n, m)

    def bounds(i: int) -> tuple[int, int]:
        centre = i * m / n
        return max(0, math.floor(centre) - width), min(m, math.ceil(centre) + width)

    lo, hi = bounds(0)
    prev = [j * GAP for j in range(lo, hi + 1)]
    moves = [bytes([0]) + bytes([_LEFT]) * (hi - lo)]
    starts = [lo]
    for i in range(1, n + 1):
        prev_lo, prev_hi = lo, hi
        lo, hi = bounds(i)
        # Row i-1 padded with -inf so that it can be read at j-1 and j for
        # every j of row i (the band only moves right: lo >= prev_lo).
        padded = [_NEG, *prev, *[_NEG] * (hi - prev_hi + 1)]
        b_from = max(lo, 1) - 1  # the turn of B in column max(lo, 1)
        diagonal = _row_scores(keys_a[i - 1], shares_a[i - 1], keys_b[b_from:hi], shares_b[b_from:hi])
        if lo == 0:
            diagonal.insert(0, _NEG)  # column 0: no turn of B to match
        from_diagonal = [p + s for p, s in zip(padded[lo - prev_lo :], diagonal)]
        from_above = [p + GAP for p in padded[lo - prev_lo + 1 : hi - prev_lo + 2]]
        prev, move = _row(from_diagonal, from_above)
        moves.append(move)
        starts.append(lo)
    return _trace_back(moves, starts, n, m), prev[m - lo]


def _row(from_diagonal: list[float], from_above: list[float]) -> tuple[list[float], bytes]:
    """One row of the table: per cell, the best of coming from the diagonal,
    from above and from the left (the one dependency along the row); ties
    prefer the diagonal, then above."""
    row: list[float] = []
    move = bytearray(len(from_diagonal))
    left = _NEG
    for k, (diagonal, above) in enumerate(zip(from_diagonal, from_above)):
        left += GAP
        if diagonal >= above and diagonal >= left:
            left = diagonal
            move[k] = _DIAG
        elif above >= left:
            left = above
            move[k] = _UP
        else:
            move[k] = _LEFT
        row.append(left)
    return row, bytes(move)


def _trace_back(moves: list[bytes], starts: list[int], n: int, m: int) -> Pairs:
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        how = moves[i][j - starts[i]]
        if how == _DIAG:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif how == _UP:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    return tuple(reversed(pairs))
