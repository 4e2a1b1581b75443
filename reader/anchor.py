"""Finding a highlight again in a document whose text has changed.

A highlight remembers its quote as ``exact`` text with up to :data:`CONTEXT`
code points of ``prefix`` and ``suffix`` around it, and its old position.
:func:`reanchor` looks for it in the new text, in this order:

1. the old position, if the text there still equals the quote and both
   sides of the context are unchanged (the common case, no search at all);
2. every exact occurrence of the quote, the old position among them;
3. approximate occurrences: substrings within an edit distance of
   ``len(exact) * MAX_ERROR_RATE`` (Myers' bit-parallel algorithm, linear in
   the text), for quotes of at least :data:`MIN_FUZZY` code points.

Scoring.  Every candidate gets
``score = 0.6 * quote similarity + 0.3 * context similarity + 0.1 * proximity``
where quote similarity is ``1 - errors / len(exact)`` (1 for an exact
occurrence), context similarity is the mean over the two sides of difflib's
ratio between the stored and the current context (a side that was empty and
still is counts as 1: the quote still touches the start or end of the text;
a side not known, in records from schema 1, counts as MIN_CONTEXT),
and proximity is ``1 - distance from the old start / len(text)``.  Context
outweighs distance, so of repeated phrases the one with the right
surroundings wins; distance only breaks ties.

Threshold.  Weak matches are rejected, and the highlight becomes an orphan:

* an exact occurrence is accepted if the quote has at least
  :data:`STANDALONE` code points, or else if its context similarity is at
  least :data:`MIN_CONTEXT` (one side intact is enough), so "Ja" or "对"
  never jumps to an unrelated place;
* an approximate occurrence needs context similarity of at least
  :data:`MIN_CONTEXT`, except a long quote (2 × STANDALONE or more) with at
  most 10 % errors, which is specific enough on its own.

Exact occurrences always win over approximate ones.  Everything here is a
pure function over strings and never raises for any input.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

CONTEXT = 32  # code points of prefix and suffix stored with a quote
STANDALONE = 16  # an exact quote this long needs no context to be trusted
MIN_CONTEXT = 0.5  # context similarity a short or approximate match needs
MIN_FUZZY = 8  # shorter quotes are only ever found exactly
MAX_ERROR_RATE = 0.25  # edit distance bound for approximate matches
MAX_CANDIDATES = 64  # candidates scored in full; the rest are ranked cheaply first

Method = Literal["position", "exact", "fuzzy"]


@dataclass(frozen=True, slots=True)
class Quote:
    exact: str
    prefix: str | None  # None: not known (a record migrated from schema 1)
    suffix: str | None

    def to_json(self) -> dict:
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    method: Method
    score: float


def make_quote(text: str, start: int, end: int, context: int = CONTEXT) -> Quote:
    """The quote of ``text[start:end]`` with its context on both sides."""
    return Quote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def reanchor(text: str, quote: Quote, start: int, end: int) -> Anchor | None:
    """Where ``quote`` (once at ``start:end``) is in ``text`` now; None for an
    orphan.  See the module docstring for the rule."""
    if not quote.exact:
        return None
    at_old_place = 0 <= start and end - start == len(quote.exact) and text[start:end] == quote.exact
    if at_old_place and _context_similarity(text, quote, start, end) == 1.0:
        return Anchor(start, end, "position", 1.0)
    found = _best_exact(text, quote, start, end)
    if found is None and len(quote.exact) >= MIN_FUZZY:
        found = _best_fuzzy(text, quote, start)
    return found


# Scoring


def _side_similarity(stored: str | None, current: str) -> float:
    if stored is None:
        return MIN_CONTEXT  # unknown: neither for nor against
    if not stored and not current:
        return 1.0
    return SequenceMatcher(None, stored, current, autojunk=False).ratio()


def _context_similarity(text: str, quote: Quote, start: int, end: int) -> float:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return (_side_similarity(quote.prefix, before) + _side_similarity(quote.suffix, after)) / 2


def _proximity(text: str, start: int, old: int) -> float:
    return 1.0 - min(abs(start - old), len(text)) / max(len(text), 1)


def _score(text: str, quote: Quote, start: int, end: int, old: int, errors: int) -> tuple[float, float]:
    """(score, context similarity) of the candidate ``start:end``."""
    context = _context_similarity(text, quote, start, end)
    similarity = 1.0 - errors / len(quote.exact)
    return 0.6 * similarity + 0.3 * context + 0.1 * _proximity(text, start, old), context


def _cheap_context(text: str, quote: Quote, start: int, end: int) -> int:
    """Code points of context that agree right next to the candidate: a
    fast first ranking when there are too many candidates to score."""
    n = 0
    for a, b in zip(reversed(quote.prefix or ""), reversed(text[max(0, start - CONTEXT) : start])):
        if a != b:
            break
        n += 1
    for a, b in zip(quote.suffix or "", text[end : end + CONTEXT]):
        if a != b:
            break
        n += 1
    return n


def _shortlist(text: str, quote: Quote, spans: list[tuple[int, int, int]], old: int) -> list[tuple[int, int, int]]:
    """At most MAX_CANDIDATES of the (start, end, errors) spans: the fewest
    errors, then the most agreeing context, then the nearest."""
    if len(spans) <= MAX_CANDIDATES:
        return spans
    return heapq.nsmallest(
        MAX_CANDIDATES, spans, key=lambda s: (s[2], -_cheap_context(text, quote, s[0], s[1]), abs(s[0] - old))
    )


def _pick(text: str, quote: Quote, spans, old: int, accept, method: Method) -> Anchor | None:
    best: Anchor | None = None
    for start, end, errors in _shortlist(text, quote, spans, old):
        score, context = _score(text, quote, start, end, old, errors)
        if accept(context, errors) and (best is None or score > best.score):
            best = Anchor(start, end, method, round(score, 4))
    return best


# Exact occurrences


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _best_exact(text: str, quote: Quote, start: int, end: int) -> Anchor | None:
    n = len(quote.exact)
    spans = [(s, s + n, 0) for s in _occurrences(text, quote.exact)]

    def accept(context: float, errors: int) -> bool:
        return n >= STANDALONE or context >= MIN_CONTEXT

    found = _pick(text, quote, spans, start, accept, "exact")
    if found is not None and (found.start, found.end) == (start, end):
        return Anchor(start, end, "position", found.score)
    return found


# Approximate occurrences


def _best_fuzzy(text: str, quote: Quote, old: int) -> Anchor | None:
    n = len(quote.exact)
    bound = int(n * MAX_ERROR_RATE)

    def accept(context: float, errors: int) -> bool:
        return context >= MIN_CONTEXT or (n >= 2 * STANDALONE and errors <= n // 10)

    spans = approximate_matches(text, quote.exact, bound)
    return _pick(text, quote, spans, old, accept, "fuzzy")


def approximate_matches(text: str, pattern: str, max_errors: int) -> list[tuple[int, int, int]]:
    """(start, end, errors) of the best approximate occurrence of ``pattern``
    in each stretch of ``text`` where it occurs with at most ``max_errors``
    edits (insertions, deletions, substitutions)."""
    if not pattern or max_errors >= len(pattern):
        return []
    matches = []
    for end, errors in _local_minima(_myers(pattern, text, max_errors, anchored=False)):
        window = text[max(0, end - len(pattern) - max_errors) : end]
        start = end - _anchored_length(pattern[::-1], window[::-1], errors, len(pattern))
        matches.append((start, end, errors))
    return matches


def _local_minima(ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lowest-error end of each run of adjacent end positions (one
    approximate occurrence ends at several neighbouring places)."""
    best: list[tuple[int, int]] = []
    previous = -2
    for end, errors in ends:
        if end == previous + 1 and best:
            if errors < best[-1][1]:
                best[-1] = (end, errors)
        else:
            best.append((end, errors))
        previous = end
    return best


def _anchored_length(pattern: str, text: str, errors: int, ideal: int) -> int:
    """The length of the prefix of ``text`` that ``pattern`` matches with
    ``errors`` edits, the one closest to ``ideal`` if several do."""
    lengths = [end for end, e in _myers(pattern, text, errors, anchored=True) if e == errors]
    return min(lengths, key=lambda length: abs(length - ideal)) if lengths else ideal


def _myers(pattern: str, text: str, max_errors: int, *, anchored: bool) -> list[tuple[int, int]]:
    """(end, edit distance) for every end offset in ``text`` where ``pattern``
    matches a substring ending there (``anchored``: the prefix ``text[:end]``)
    with at most ``max_errors`` edits.  Myers (1999) bit-vector algorithm,
    one column of the edit-distance matrix per character, the pattern's rows
    packed into one Python int."""
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    carry = 1 if anchored else 0  # row 0 costs one per text character when anchored
    found = []
    if anchored and m <= max_errors:
        found.append((0, m))
    for j, ch in enumerate(text):
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        if score <= max_errors:
            found.append((j + 1, score))
    return found
