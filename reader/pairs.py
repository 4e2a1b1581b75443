"""Pairs of documents that are versions of one interview: suggested from
their structure, or chosen by the reader and remembered.

**Suggested.** Two documents are suggested as a pair when (all of):

- they differ in language or in Chinese script (two copies in the same
  language are not "versions" to read side by side);
- each has at least :data:`MIN_TURNS` real turns (:func:`reader.align.turns_of`),
  and the smaller turn count is at least :data:`MIN_TURN_RATIO` of the larger;
- they have the same number of speakers, and the speaker mapping of
  :func:`reader.align.map_speakers` pairs every one of them;
- their :func:`similarity` is at least :data:`SUGGEST_THRESHOLD`.

The similarity is the sum, over aligned turns with the same (mapped)
speaker, of how alike their shares of their documents' text are (min/max,
0..1), divided by the larger turn count: 1.0 for the same structure, 0 for
nothing in common.  Measured: seeds 000/001 (Chinese/German) 0.89; 001
with any one turn missing against 000, 0.75–0.81; 000 in simplified
script against 000, 1.0.  The same two speakers taking the same number of
turns of other lengths (001's lengths reversed or rotated against 000's
turns) score 0.47–0.60: below the threshold of 0.7, which is where the
length pattern, not the mere alternation of two people, decides.

**Remembered.** ``pairs.json`` in :func:`reader.paths.data_dir`:
``{"version": 1, "pairs": [["/abs/a.txt", "/abs/b.txt"], …]}``.  Reading
never raises: a missing file is no pairs, an unreadable one is no pairs and
a warning to show.  Writes are atomic and serialised by a lock file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from reader.align import Alignment, Turn, align_turns, length_similarity, shares, turns_of
from reader.fsutil import atomic_write_text
from reader.model import Document
from reader.paths import data_dir

SUGGEST_THRESHOLD = 0.7
MIN_TURNS = 2
MIN_TURN_RATIO = 0.75
PAIRS_VERSION = 1
LOCK_TIMEOUT = 5.0  # seconds; a writer holds the lock for milliseconds


@dataclass(frozen=True, slots=True)
class Pair:
    a_path: Path | None
    b_path: Path | None
    score: float  # the similarity, 0..1


# --- suggested --------------------------------------------------------------------


def similarity(a: Sequence[Turn], b: Sequence[Turn], alignment: Alignment) -> float:
    """How alike two turn structures are under their alignment (module doc)."""
    if not a or not b:
        return 0.0
    shares_a, shares_b = shares(a), shares(b)
    total = 0.0
    for i, j in alignment.matched:
        if a[i].speaker in alignment.speakers and alignment.speakers[a[i].speaker] == b[j].speaker:
            total += length_similarity(shares_a[i], shares_b[j])
    return total / max(len(a), len(b))


def pair_score(a: Document, b: Document, turns_a: list[Turn] | None = None, turns_b: list[Turn] | None = None) -> float:
    """0.0 unless the two could be versions of one interview (module doc);
    otherwise their :func:`similarity`."""
    if (a.language, a.script) == (b.language, b.script):
        return 0.0
    turns_a = turns_of(a) if turns_a is None else turns_a
    turns_b = turns_of(b) if turns_b is None else turns_b
    n, m = len(turns_a), len(turns_b)
    if min(n, m) < MIN_TURNS or min(n, m) < MIN_TURN_RATIO * max(n, m):
        return 0.0
    cast_a, cast_b = {t.speaker for t in turns_a}, {t.speaker for t in turns_b}
    if len(cast_a) != len(cast_b):
        return 0.0
    alignment = align_turns(turns_a, turns_b)
    if set(alignment.speakers) != cast_a or set(alignment.speakers.values()) != cast_b:
        return 0.0
    return similarity(turns_a, turns_b, alignment)


def suggest_pairs(documents: Sequence[Document], threshold: float = SUGGEST_THRESHOLD) -> list[Pair]:
    """Every pair of ``documents`` likely to be versions of one interview,
    best first; each pair once, in the order the documents were given."""
    turns = [turns_of(d) for d in documents]
    found = []
    for i, a in enumerate(documents):
        for j in range(i + 1, len(documents)):
            score = pair_score(a, documents[j], turns[i], turns[j])
            if score >= threshold:
                found.append(Pair(a.path, documents[j].path, round(score, 3)))
    return sorted(found, key=lambda p: -p.score)


# --- remembered -------------------------------------------------------------------


def pairs_path() -> Path:
    return data_dir() / "pairs.json"


def _key(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


def remembered_pairs(path: Path | None = None) -> tuple[list[tuple[Path, Path]], str | None]:
    """The pairs the reader chose, oldest first, and a warning to show if
    the file could not be used (then: no pairs)."""
    pairs, warning = _read(path or pairs_path())
    return [(Path(a), Path(b)) for a, b in pairs], warning


def remember_pair(a: str | Path, b: str | Path, path: Path | None = None) -> str | None:
    """Remember that ``a`` and ``b`` are versions of one interview (in that
    order; again, in either order, changes nothing).  Returns an error or a
    warning to show instead of raising."""
    a_key, b_key = _key(a), _key(b)
    if a_key == b_key:
        return f"{a}: a document cannot be paired with itself"

    def add(pairs: list[list[str]]) -> list[list[str]]:
        return pairs if any({*p} == {a_key, b_key} for p in pairs) else [*pairs, [a_key, b_key]]

    return _update(path or pairs_path(), add)


def forget_pair(a: str | Path, b: str | Path, path: Path | None = None) -> str | None:
    """Forget the pair of ``a`` and ``b`` (in either order), if remembered."""
    a_key, b_key = _key(a), _key(b)
    return _update(path or pairs_path(), lambda pairs: [p for p in pairs if {*p} != {a_key, b_key}])


def _read(path: Path) -> tuple[list[list[str]], str | None]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], None
    except (OSError, ValueError) as error:
        return [], f"remembered pairs {path} could not be read ({error}); none are used"
    entries = raw.get("pairs") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return [], f"remembered pairs {path} are not in the expected form; none are used"
    pairs = [e for e in entries if isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)]
    if len(pairs) < len(entries):
        return pairs, f"remembered pairs {path}: {len(entries) - len(pairs)} unreadable entries skipped"
    return pairs, None


def _update(path: Path, change) -> str | None:
    """Read, change and write the file under its lock.  A file that could
    not be read is moved aside (``pairs.json.corrupt``), not overwritten."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT):
            pairs, warning = _read(path)
            if warning is not None and path.exists():
                os.replace(path, path.with_name(path.name + ".corrupt"))
                warning += f"; the file was moved to {path.name}.corrupt"
            data = {"version": PAIRS_VERSION, "pairs": change(pairs)}
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except Timeout:
        return f"remembered pairs {path} are locked by another reader; not saved"
    except OSError as error:
        return f"remembered pairs could not be saved to {path}: {error.strerror or error}"
    return warning
