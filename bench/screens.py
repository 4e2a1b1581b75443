"""What a screen must show to count as "painted": predicates on screen text.

They are deliberately loose, so that they hold for any reasonable UI (and for
the peers, which show the raw file): a string known to be on the first screen
of the document must be visible, and the screen must be mostly filled.  The
same predicates serve the tmux capture and the headless compositor text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

Predicate = Callable[[str], bool]

# Box drawing, block elements (scrollbars) and whitespace do not count as text.
_DECORATION = re.compile(r"[\s\u2500-\u259f]+")
OPENING = re.compile(r"(?:歡迎收看第|欢迎收看第|Willkommen zu Folge) (\d+)")


def rows(screen: str) -> list[str]:
    return screen.rstrip("\n").split("\n")


def _has_text(row: str) -> bool:
    return len(_DECORATION.sub("", row)) >= 2


def filled(screen: str, fraction: float = 0.35) -> bool:
    """At least ``fraction`` of the rows show text, and so does a row in the
    lower quarter above the last two (a footer or a prompt): a screen whose
    document area is still empty or only half drawn does not count.  (Not
    half: a transcript with blank lines between turns fills half its rows.)"""
    lines = rows(screen)
    if len(lines) < 4:
        return False
    with_text = sum(map(_has_text, lines))
    lower = lines[len(lines) * 3 // 4 : -2] or lines[-3:-2]
    return with_text >= fraction * len(lines) and any(map(_has_text, lower))


def shows(markers: Iterable[str]) -> Predicate:
    """Any of ``markers`` is on screen."""
    markers = tuple(markers)
    return lambda screen: any(m in screen for m in markers)


def painted(markers: Iterable[str]) -> Predicate:
    """A first full screen: a marker is visible and the screen is filled."""
    visible = shows(markers)
    return lambda screen: visible(screen) and filled(screen)


def corpus_markers(folder: Path, length: int = 8) -> set[str]:
    """The first ``length`` characters of every line of every document in
    ``folder``, with and without a "Speaker:" prefix: whichever document a
    UI opens first, its first screen contains one of them."""
    found: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            body = re.sub(r"^[^:：]{1,20}[:：]\s*", "", line)
            found.update(s[:length] for s in (line, body) if len(s) >= length)
    return found


def document_list(numbers: Iterable[str], at_least: int = 3) -> Predicate:
    """A list of generated documents: ``at_least`` of their numbers ("0001"…,
    in their titles and file names) are on screen."""
    numbers = tuple(numbers)
    return lambda screen: sum(n in screen for n in numbers) >= at_least


def openings(screen: str) -> set[str]:
    """The numbers of the generated documents whose first turn is on screen."""
    return set(OPENING.findall(screen))
