"""The status bar: document title, script mode and reading position."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.ui.docinfo import one_line


def status_content(title: str, mode: str, note: str, turn: int, turns: int, percent: int) -> Content:
    """Position first (it must survive a narrow terminal), then script, then title."""
    if not turns:
        position = "no turns"
    elif turn == 0:
        position = f"before turn 1 of {turns}"
    else:
        position = f"turn {turn} of {turns}"
    parts: list[str | tuple[str, str]] = [(position, "bold"), f" · {percent}%", "  │  ", ("script: ", "dim"), mode]
    if note:
        parts += [" ", (f"({note})", "italic $text-warning")]
    parts += ["  │  ", one_line(title)]
    return Content.assemble(*parts)


class StatusBar(Static):
    def __init__(self) -> None:
        super().__init__(id="status", markup=False)

    def show(self, title: str, mode: str, note: str, turn: int, turns: int, percent: int) -> None:
        self.update(status_content(title, mode, note, turn, turns, percent))
