"""The status bar: document title, script mode and reading position."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from reader.ui.documents.docinfo import one_line


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


class StatusBar(Widget):
    """One line, repainted in place: a Static's update() would lay the whole
    screen out again, on every key that moves the reader (~15 ms a page)."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="status")
        self.loading: str | None = None  # set by the loader (reader.ui.loader) while a preview is shown
        self._content = Content("")

    def show(self, title: str, mode: str, note: str, turn: int, turns: int, percent: int) -> None:
        content = status_content(title, mode, note, turn, turns, percent, self.loading)
        if content != self._content:
            self._content = content
            self.refresh()

    def render(self) -> Content:
        return self._content
