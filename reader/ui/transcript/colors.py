"""Speaker colours: one colour per speaker, stable across documents.

A colour is data, not theme: it follows the speaker from one transcript to
the next, so it is chosen from the speaker's normalised name with a stable
hash (sha1; Python's ``hash()`` is salted per process).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence

# Mid-lightness, saturated accents that keep their contrast on both dark and
# light backgrounds (Solarized's accents were designed for exactly that),
# plus two more hues so that most interviews never need to probe.
PALETTE: tuple[str, ...] = (
    "#268bd2",  # blue
    "#dc322f",  # red
    "#859900",  # green
    "#d33682",  # magenta
    "#b58900",  # yellow
    "#2aa198",  # cyan
    "#cb4b16",  # orange
    "#6c71c4",  # violet
    "#a0522d",  # sienna
    "#8e44ad",  # purple
)

# Colour for text without a speaker (a turn whose speaker is unknown).
NEUTRAL = "#808080"


def normalise_name(name: str, fold_script: Callable[[str], str] | None = None) -> str:
    """The key a speaker is recognised by: case, width and spacing ignored.

    ``fold_script`` (e.g. traditional → simplified) makes 奧特曼 and 奥特曼 one
    speaker."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return fold_script(key) if fold_script else key


def home_slot(name: str, size: int, fold_script: Callable[[str], str] | None = None) -> int:
    """The palette slot a name prefers, the same in every run and document."""
    digest = hashlib.sha1(normalise_name(name, fold_script).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % size


def assign_colors(
    names: Iterable[str],
    palette: Sequence[str] = PALETTE,
    fold_script: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """Colour for each name, in order of first appearance.

    Each name takes its home slot unless an earlier speaker of this document
    holds it; then it probes the following slots.  Only when the palette is
    exhausted do two speakers share a colour (the later one keeps its home)."""
    taken: dict[int, str] = {}  # slot -> normalised key holding it
    by_key: dict[str, str] = {}
    colors: dict[str, str] = {}
    size = len(palette)
    for name in names:
        if name in colors:
            continue
        key = normalise_name(name, fold_script)
        if key not in by_key:
            home = home_slot(name, size, fold_script)
            slot = next((s % size for s in range(home, home + size) if s % size not in taken), home)
            taken.setdefault(slot, key)
            by_key[key] = palette[slot]
        colors[name] = by_key[key]
    return colors
