"""The status bar: document title, script mode and reading position."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.ui.docinfo import one_line


def status_content(
    title: str, mode: str, note: str, turn: int, turns: int, percent: int, loading: str | None = None
) -> Content:
    """Position first (it must survive a narrow terminal), then script, then title.

    ``loading`` ("loading 45%") says the document shown is the opening of
    one still being parsed: its number of turns and the share read are not
    known yet, so they are not shown."""
    if loading is not None:
        position = "before turn 1" if turn == 0 else f"turn {turn}"
        parts: list[str | tuple[str, str]] = [(position, "bold"), " · ", (loading, "italic $text-warning")]
    else:
        if not turns:
            position = "no turns"
        elif turn == 0:
            position = f"before turn 1 of {turns}"
        else:
            position = f"turn {turn} of {turns}"
        parts = [(position, "bold"), f" · {percent}%"]
    parts += ["  │  ", ("script: ", "dim"), mode]
    if note:
        parts += [" ", (f"({note})", "italic $text-warning")]
    parts += ["  │  ", one_line(title)]
    return Content.assemble(*parts)


class StatusBar(Static):
    def __init__(self) -> None:
        super().__init__(id="status", markup=False)
        self.loading: str | None = None  # set by the loader (reader.ui.loader) while a preview is shown

    def show(self, title: str, mode: str, note: str, turn: int, turns: int, percent: int) -> None:
        self.update(status_content(title, mode, note, turn, turns, percent, self.loading))
