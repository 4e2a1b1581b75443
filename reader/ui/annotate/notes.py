"""The note editor: a highlight's note (several lines) and its tags.

Enter makes a new line in the note, so ctrl+s saves (Enter in the tags field
saves too); Escape cancels.  Tab moves between note and tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from reader.store.records import normalise_tags
from reader.ui.documents.docinfo import one_line

QUOTE_CHARS = 160  # of the quote shown above the note


@dataclass(frozen=True)
class NoteEdit:
    note: str
    tags: tuple[str, ...]


def shorten(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Edit a note and tags; dismissed with a NoteEdit, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", show=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, quote: str, note: str, tags: Sequence[str], *, new: bool) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tuple(tags)
        self.new = new

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog") as dialog:
            dialog.border_title = "Note on a new highlight" if self.new else "Note"
            dialog.border_subtitle = "ctrl+s save · esc cancel"
            yield Static(f"“{shorten(self.quote, QUOTE_CHARS)}”", id="note-quote", markup=False)
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Input(", ".join(self.tags), placeholder="tags, separated by commas", id="note-tags")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one(TextArea).text.strip()
        tags = normalise_tags([self.query_one(Input).value])
        self.dismiss(NoteEdit(note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
