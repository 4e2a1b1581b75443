"""Two transcript panes kept in step, turn by turn.

The pane the reader moves *drives*; the other *follows*: the turn aligned
with the driver's current turn (:func:`reader.align.counterpart`) becomes the
follower's current block and starts on the same screen row as the driver's.
Once the driver's turn has scrolled above the screen, the follower scrolls
through its counterpart in proportion (a German turn takes three times the
lines of its Chinese original), so both leave their turns together.

A turn without a counterpart lines up with the *edge* of the nearest
counterpart (``counterpart(..., nearest=True)``): the follower stands still
while the reader goes through text the other version lacks.  Text between
turns (an introduction, headings, closing boilerplate) maps in proportion
onto the text between the counterparts of the turns around it, so both
panes start at the top together, whatever the lengths of their
introductions.

Feedback: moving the follower makes it report a move too.  :class:`PaneSync`
remembers the position it gave each follower and ignores reports of exactly
that position, so a pane never drives the pane that just drove it.

Everything but :class:`PaneSync` is pure (no Textual).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from reader.align import Alignment, Side, Turn, counterpart, turns_of
from reader.model import Document
from reader.ui.transcript.layout import DocLayout

OTHER: dict[Side, Side] = {"a": "b", "b": "a"}


@dataclass(frozen=True, slots=True)
class TurnMap:
    """A document's turns (as reader.align counts them) against its blocks."""

    turns: list[Turn]
    first: list[int]  # each turn's first block
    last: list[int]  # each turn's last block
    of_block: list[int | None]  # each block's turn; blocks interrupting a turn belong to it


def turn_map(doc: Document) -> TurnMap:
    turns = turns_of(doc)
    index = {id(block): i for i, block in enumerate(doc.blocks)}
    first = [index[id(t.blocks[0])] for t in turns]
    last = [index[id(t.blocks[-1])] for t in turns]
    of_block: list[int | None] = [None] * len(doc.blocks)
    for turn, (a, b) in enumerate(zip(first, last, strict=True)):
        of_block[a : b + 1] = [turn] * (b + 1 - a)
    return TurnMap(turns, first, last, of_block)


def turn_of(tmap: TurnMap, block: int) -> int | None:
    """The turn ``block`` belongs to, or None (between turns)."""
    return tmap.of_block[block] if 0 <= block < len(tmap.of_block) else None


@dataclass(frozen=True, slots=True)
class Target:
    """Where the follower goes for a driver's turn."""

    turn: int  # the follower's turn to show
    exact: bool  # False: the driver's turn has no counterpart; ``turn`` is the nearest
    before: bool  # (not exact) the nearest counterpart comes before the gap


def find_target(alignment: Alignment, side: Side, turn: int) -> Target | None:
    exact = counterpart(alignment, side, turn)
    if exact is not None:
        return Target(exact, True, False)
    near = counterpart(alignment, side, turn, nearest=True)
    if near is None:
        return None
    back = counterpart(alignment, OTHER[side], near)  # the driver's turn it belongs to
    return Target(near, False, back is not None and back < turn)


def follower_top(driver_top: int, span: tuple[int, int], target: tuple[int, int]) -> int:
    """The follower's first visible line, so that ``target`` (lines
    [start, end) of the follower) sits where ``span`` (the driver's turn)
    sits on the driver's screen, whose first line is ``driver_top``."""
    start, end = span
    target_start, target_end = target
    if driver_top <= start:  # the turn's top is on (or below) the screen: same row
        return target_start - (start - driver_top)
    into, height = driver_top - start, end - start
    if into < height:  # scrolled into the turn: as far into the counterpart
        return target_start + round(into * (target_end - target_start) / height)
    return target_end + (into - height)


def between(y: int, low: tuple[int, int], high: tuple[int, int]) -> int:
    """Line ``y`` of the driver, between its lines ``low[0]`` and
    ``high[0]``, mapped in proportion onto the follower's ``low[1]`` to
    ``high[1]``."""
    (d0, f0), (d1, f1) = low, high
    if d1 <= d0:
        return f0
    return f0 + round((y - d0) * (f1 - f0) / (d1 - d0))


def target_lines(layout: DocLayout, tmap: TurnMap, target: Target) -> tuple[int, int]:
    """The follower's lines to line up: the counterpart turn, or for a gap
    the edge of the nearest counterpart that faces it."""
    start, end = layout.start(tmap.first[target.turn]), layout.end(tmap.last[target.turn])
    if target.exact:
        return start, end
    return (end, end) if target.before else (start, start)


# --- highlights in the other version ---------------------------------------------


def counterpart_spans(
    spans: Iterable[tuple[int, int, str]], source: TurnMap, other: TurnMap, alignment: Alignment, side: Side
) -> list[tuple[int, int, str]]:
    """Highlights ``(start, end, colour)`` in the ``side`` document → the
    blocks of the aligned turns of the other document, one span per block
    and colour (a highlight across two turns marks both counterparts; one
    in a turn the other version lacks marks nothing)."""
    starts = [t.start for t in source.turns]
    marks: dict[tuple[int, int], str] = {}
    for start, end, colour in spans:
        k = max(0, bisect_right(starts, start) - 1)
        while k < len(source.turns) and source.turns[k].start < max(end, start + 1):
            turn = source.turns[k]
            k += 1
            if turn.end <= start:
                continue
            aligned = counterpart(alignment, side, turn.index)
            if aligned is not None:
                for block in other.turns[aligned].blocks:
                    marks.setdefault((block.start, block.end), colour)  # the first highlight's colour
    return [(s, e, colour) for (s, e), colour in sorted(marks.items())]


def without(spans: Iterable[tuple[int, int, str]], holes: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``spans`` with what ``holes`` cover cut out: a faint mark drawn over
    a turn must not hide a highlight of its own in that turn."""
    holes = sorted(holes)
    out = []
    for start, end, colour in spans:
        at = start
        for hole_start, hole_end in holes:
            if hole_end <= at or hole_start >= end:
                continue
            if hole_start > at:
                out.append((at, hole_start, colour))
            at = max(at, hole_end)
        if at < end:
            out.append((at, end, colour))
    return out


# --- the controller ----------------------------------------------------------------


class Pane(Protocol):
    """What PaneSync needs of a transcript view (TranscriptView has it)."""

    cursor: int
    scroll_y: float
    layout_model: DocLayout | None

    def jump_to_block(self, block: int) -> None: ...

    def set_scroll_y(self, y: int) -> None: ...


def position(view: Pane) -> tuple[int, int]:
    return round(view.scroll_y), view.cursor


class PaneSync:
    """Keeps pane ``a`` and pane ``b`` (the documents of ``alignment``) in step."""

    def __init__(self, a: Pane, b: Pane, alignment: Alignment, maps: tuple[TurnMap, TurnMap]) -> None:
        self.panes: dict[Side, Pane] = {"a": a, "b": b}
        self.maps: dict[Side, TurnMap] = {"a": maps[0], "b": maps[1]}
        self.alignment = alignment
        self._given: dict[Side, tuple[int, int]] = {}  # the position we gave a follower

    def side_of(self, view: object) -> Side | None:
        return next((side for side, pane in self.panes.items() if pane is view), None)

    def moved(self, view: object, may_drive: bool) -> bool:
        """``view`` reports a move: make the other pane follow if the reader
        moved it (``may_drive``: it has focus or the mouse) and we did not.
        True if the other pane was moved."""
        side = self.side_of(view)
        if side is None or self._given.get(side) == position(self.panes[side]):
            return False  # not ours, or the echo of our own move
        if not may_drive:
            return False
        self._given.pop(side, None)
        return self.follow(side)

    def follow(self, side: Side) -> bool:
        """Move the other pane to the counterpart of ``side``'s current turn
        (or of the text between turns it is on)."""
        driver, follower = self.panes[side], self.panes[OTHER[side]]
        d_layout, f_layout = driver.layout_model, follower.layout_model
        if d_layout is None or f_layout is None or not self.maps[side].turns or not self.maps[OTHER[side]].turns:
            return False
        turn = turn_of(self.maps[side], driver.cursor)
        if turn is None:
            top = self._follow_between(side, d_layout, f_layout)
        else:
            top = self._follow_turn(side, turn, d_layout, f_layout)
        if top is None:
            return False
        follower.set_scroll_y(top)
        self._given[OTHER[side]] = position(follower)
        return True

    def _follow_turn(self, side: Side, turn: int, d_layout: DocLayout, f_layout: DocLayout) -> int | None:
        """The counterpart becomes current; the follower's new top line."""
        driver, follower = self.panes[side], self.panes[OTHER[side]]
        d_map, f_map = self.maps[side], self.maps[OTHER[side]]
        target = find_target(self.alignment, side, turn)
        if target is None:
            return None
        follower.jump_to_block(f_map.first[target.turn])  # current, and wrapped around it
        span = (d_layout.start(d_map.first[turn]), d_layout.end(d_map.last[turn]))
        return follower_top(round(driver.scroll_y), span, target_lines(f_layout, f_map, target))

    def _follow_between(self, side: Side, d_layout: DocLayout, f_layout: DocLayout) -> int:
        """The driver's current block is not in a turn: the same proportion
        of the way between the turns around it; the follower's new top line."""
        driver, follower = self.panes[side], self.panes[OTHER[side]]
        d_map, f_map = self.maps[side], self.maps[OTHER[side]]
        before = bisect_right(d_map.first, driver.cursor) - 1  # the turn before (-1: none)

        def edge(turn: int, end: bool) -> int:
            target = find_target(self.alignment, side, turn)
            if target is None:
                return f_layout.total if end else 0
            return target_lines(f_layout, f_map, target)[1 if end else 0]

        def spot() -> int:
            low = (d_layout.end(d_map.last[before]), edge(before, True)) if before >= 0 else (0, 0)
            if before + 1 < len(d_map.turns):
                high = (d_layout.start(d_map.first[before + 1]), edge(before + 1, False))
            else:
                high = (d_layout.total, f_layout.total)
            return between(d_layout.start(driver.cursor), low, high)

        follower.jump_to_block(f_layout.block_at(spot()))  # current, and wrapped around it
        return spot() - (d_layout.start(driver.cursor) - round(driver.scroll_y))
