"""The colour picker (H): one of the eight highlight colours, and tags.

Keys 1–8 or Enter on a colour choose it; the tags field is optional."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.store import COLOURS
from reader.store.records import normalise_tags
from reader.ui.annotate.swatches import swatch

_NUMBER_KEYS = [Binding(str(n), f"pick({n - 1})", colour, show=False) for n, colour in enumerate(COLOURS, 1)]


@dataclass(frozen=True)
class Pick:
    colour: str
    tags: tuple[str, ...]


def colour_option(number: int, colour: str) -> Option:
    return Option(Content.assemble((f"{number} ", "dim"), swatch(colour), " ", colour), id=colour)


class ColourList(OptionList):
    """The colours; the digits pick one directly."""

    BINDINGS = _NUMBER_KEYS

    def action_pick(self, index: int) -> None:
        self.highlighted = index
        self.action_select()


class ColourPicker(ModalScreen[Pick | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, colour: str, tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.colour = colour
        self.tags = tuple(tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog") as dialog:
            dialog.border_title = "Highlight colour"
            dialog.border_subtitle = "1–8 / enter · esc cancel"
            yield ColourList(*(colour_option(n, c) for n, c in enumerate(COLOURS, 1)), id="picker-colours")
            yield Input(", ".join(self.tags), placeholder="tags (optional), commas between", id="picker-tags")

    def on_mount(self) -> None:
        colours = self.query_one(ColourList)
        colours.highlighted = COLOURS.index(self.colour) if self.colour in COLOURS else 0
        colours.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(str(event.option.id))

    def on_input_submitted(self) -> None:
        highlighted = self.query_one(ColourList).highlighted
        self._choose(COLOURS[highlighted or 0])

    def _choose(self, colour: str) -> None:
        self.dismiss(Pick(colour, normalise_tags([self.query_one(Input).value])))

    def action_cancel(self) -> None:
        self.dismiss(None)
