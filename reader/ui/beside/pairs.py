"""Which open documents pair up as versions to read beside each other (no
Textual here): suggested by :mod:`reader.pairs`, or remembered ones.

Documents are known by their index in the app's list of paths; a pair is a
frozenset of two indices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

from reader.align import turns_of
from reader.model import Document
from reader.pairs import SUGGEST_THRESHOLD, pair_score, remember_pair, remembered_pairs

REMEMBERED, SUGGESTED = "remembered", "suggested"


def _key(path: Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return str(Path(path).absolute())


def suggest(documents: Sequence[tuple[int, Document]], stop: Callable[[], bool] = lambda: False) -> dict[frozenset[int], float]:
    """Like :func:`reader.pairs.suggest_pairs`, but by index and stoppable
    between two pairs (it runs in a worker: a folder of hundreds of
    documents takes a while)."""
    turns = {index: turns_of(doc) for index, doc in documents}
    found: dict[frozenset[int], float] = {}
    for (i, a), (j, b) in combinations(documents, 2):
        if stop():
            break
        score = pair_score(a, b, turns[i], turns[j])
        if score >= SUGGEST_THRESHOLD:
            found[frozenset((i, j))] = score
    return found


class PairIndex:
    """Suggested and remembered pairs among ``paths``."""

    def __init__(self, paths: Sequence[Path], store: Path | None = None) -> None:
        self.paths = list(paths)
        self.store = store  # pairs.json; None: reader.pairs' default
        self._by_key: dict[str, int] = {}
        for index, path in enumerate(self.paths):
            self._by_key.setdefault(_key(path), index)
        self.suggested: dict[frozenset[int], float] = {}
        self.remembered: set[frozenset[int]] = set()

    def load_remembered(self) -> str | None:
        """Read the remembered pairs among our paths; a warning to show, or None."""
        pairs, warning = remembered_pairs(self.store)
        self.remembered = set()
        for a, b in pairs:
            i, j = self._by_key.get(_key(a)), self._by_key.get(_key(b))
            if i is not None and j is not None and i != j:
                self.remembered.add(frozenset((i, j)))
        return warning

    def remember(self, i: int, j: int) -> str | None:
        """Remember that ``i`` and ``j`` are a pair; a message to show, or
        None.  The pair counts for this session even when it could not be
        saved (the message says so)."""
        self.remembered.add(frozenset((i, j)))
        return remember_pair(self.paths[i], self.paths[j], self.store)

    def counterparts(self, index: int) -> list[tuple[int, str]]:
        """The documents paired with ``index``, best first: remembered ones
        (in list order), then suggested ones by score."""
        found = [(other, REMEMBERED) for other in self._partners(index, self.remembered)]
        suggested = sorted(self._partners(index, self.suggested), key=lambda o: -self.suggested[frozenset((index, o))])
        found += [(other, SUGGESTED) for other in suggested if not any(other == f for f, _ in found)]
        return found

    def paired(self) -> set[int]:
        """Every document with a counterpart."""
        return {index for pair in (*self.remembered, *self.suggested) for index in pair}

    @staticmethod
    def _partners(index: int, pairs: Iterable[frozenset[int]]) -> list[int]:
        return sorted(next(iter(pair - {index})) for pair in pairs if index in pair)
