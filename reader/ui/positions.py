"""Where the reader was: the cursor's offset in each document and the
document open last, kept in the settings (reader.settings).

The app remembers the position when it leaves a document (another one is
opened, or it quits) and puts the cursor back there, at the top of the
screen, when the document is opened again; on start it reopens the last
document.  The Settings object is shared with the script modes (one file,
one object in memory, so neither write undoes the other's)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.settings import Settings, save_settings
from reader.ui.script.modes import path_key

if TYPE_CHECKING:
    from reader.ui.transcript.reading import ReadingView


class ReadingPositions:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.view: ReadingView | None = None

    def attach(self, view: ReadingView) -> None:
        self.view = view

    def last_index(self, paths: Sequence[Path]) -> int | None:
        """Index of the document open last, if it is among ``paths``."""
        last = self.settings.last_document
        if last is None:
            return None
        return next((i for i, path in enumerate(paths) if path_key(path) == last), None)

    def leave(self) -> None:
        """Remember where the cursor is in the open document."""
        view = self.view
        key = path_key(view.document.path) if view is not None and view.document is not None else None
        if key is not None:
            self.settings.positions[key] = view.caret.position  # type: ignore[union-attr]
            self.settings.last_document = key

    def enter(self) -> None:
        """Put the cursor where the reader left the document now open (and
        write the settings if it is not the one open last)."""
        view = self.view
        key = path_key(view.document.path) if view is not None and view.document is not None else None
        if key is None:
            return
        offset = self.settings.positions.get(key)
        if offset is not None:
            view.move_cursor(offset, to_top=True)  # type: ignore[union-attr]
        if self.settings.last_document != key:  # another document: worth a write now
            self.settings.last_document = key
            error = self.save()
            if error:
                view.app.notify(error, title="Settings", severity="warning", markup=False)  # type: ignore[union-attr]

    def save(self) -> str | None:
        return save_settings(self.settings)
