"""The sidebar's highlights: the open document's, in document order, and
apart from them its orphans (highlights whose text is no longer found in
the file), which a filter never hides.

Each entry shows the colour and speaker, the quote (shortened), the first
line of the note and the tags, in the displayed script.  Enter jumps to a
highlight; d deletes, a edits the note, y copies the quote; f filters the
list by colour or tag (every word must match one of them)."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.store import AnchoredHighlight, Highlight
from reader.ui.annotate.highlights import controller_of
from reader.ui.annotate.swatches import swatch
from reader.ui.documents.docinfo import one_line
from reader.ui.transcript.lines import wrap

Show = Callable[[str], str]

OPTION_PADDING = 2  # the list's padding around each option
QUOTE_LINES = 2
NONE_YET = "None yet: h highlights the sentence or selection"
NO_MATCH = "No highlight matches the filter (f)"


def fit(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, with an ellipsis if cut."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        used += get_character_cell_size(char)
        if used > cells - 1:
            break
        out.append(char)
    return "".join(out).rstrip() + "…"


def quote_lines(text: str, width: int) -> list[str]:
    """The quote on at most QUOTE_LINES lines of ``width`` cells (CJK-aware)."""
    spans = wrap(text, width)
    lines = [text[s:e].rstrip() for s, e in spans[:QUOTE_LINES]]
    if len(spans) > QUOTE_LINES:
        lines[-1] = fit(lines[-1] + "…", width)
    return lines


def entry_content(h: Highlight, show: Show, width: int) -> Content:
    speaker = one_line(show(h.speaker)) if h.speaker else "—"
    lines = [Content.assemble(swatch(h.colour), " ", (fit(speaker, width - 3), "bold"))]
    lines += [Content(line) for line in quote_lines(one_line(show(h.quote.exact)), width)]
    note = next((line.strip() for line in h.note.splitlines() if line.strip()), "")
    if note:
        lines.append(Content.styled(fit(note, width), "italic"))
    if h.tags:
        lines.append(Content.styled(fit(" ".join(f"#{tag}" for tag in h.tags), width), "dim"))
    return Content("\n").join(lines)


def matches(h: Highlight, query: str) -> bool:
    """Every word of ``query`` is the start of the colour or part of a tag."""
    for word in query.replace(",", " ").split():
        word = word.lstrip("#").casefold()
        if word and not (h.colour.startswith(word) or any(word in tag.casefold() for tag in h.tags)):
            return False
    return True


class HighlightEntries(OptionList):
    """Highlights as entries; the keys act on the highlighted one."""

    BINDINGS = [
        Binding("d", "delete", "Delete highlight"),
        Binding("a", "note", "Edit note"),
        Binding("y", "copy", "Copy quote"),
        Binding("f", "filter", "Filter by colour or tag"),
    ]

    def __init__(self, *, id: str, empty: str) -> None:
        super().__init__(id=id, markup=False)
        self.entries: list[AnchoredHighlight] = []
        self.empty = empty
        self._show: Show = str
        self._width = 0

    def fill(self, entries: list[AnchoredHighlight], show: Show) -> None:
        self.entries, self._show = entries, show
        self._fill()

    def _fill(self) -> None:
        highlighted = self.highlighted
        if not self.entries:
            self.set_options([Option(Content.styled(self.empty, "dim italic"), disabled=True)])
            return
        width = max(8, self._width or 24)
        self.set_options(Option(entry_content(a.highlight, self._show, width), id=a.highlight.id) for a in self.entries)
        if highlighted is not None:
            self.highlighted = min(highlighted, len(self.entries) - 1)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width - OPTION_PADDING
        if width != self._width:
            self._width = width
            self._fill()

    @property
    def current(self) -> Highlight | None:
        index = self.highlighted
        return self.entries[index].highlight if index is not None and index < len(self.entries) else None

    def _act(self, method: str) -> None:
        annotations, current = controller_of(self), self.current
        if annotations is None or current is None:
            self.app.bell()
            return
        getattr(annotations, method)(current)

    def action_delete(self) -> None:
        self._act("delete_highlight")

    def action_note(self) -> None:
        self._act("edit_note_of")

    def action_copy(self) -> None:
        self._act("copy_highlight")

    def action_filter(self) -> None:
        self.query_ancestor(HighlightsPanel).open_filter()


class HighlightsPanel(Vertical):
    """The list, its filter (shown by f) and the orphans."""

    def __init__(self) -> None:
        super().__init__(id="highlights")
        self._all: list[AnchoredHighlight] = []
        self._show: Show = str
        self._query = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="colour or tag", id="highlight-filter")
        entries = HighlightEntries(id="highlight-list", empty=NONE_YET)
        entries.border_title = "Highlights"
        yield entries
        orphans = HighlightEntries(id="orphan-list", empty="")
        orphans.border_title = "Orphaned: text not found"
        yield orphans

    def on_mount(self) -> None:
        self.query_one("#highlight-filter").display = False
        self.query_one("#orphan-list").display = False

    def show(self, anchored: list[AnchoredHighlight], show: Show, colour: str) -> None:
        self._all, self._show = anchored, show
        self.query_one("#highlight-list").border_subtitle = f"new: {colour}"
        self._apply()

    def _apply(self) -> None:
        placed = [a for a in self._all if not a.orphan]
        orphans = [a for a in self._all if a.orphan]
        shown = [a for a in placed if matches(a.highlight, self._query)]
        entries = self.query_one("#highlight-list", HighlightEntries)
        entries.empty = NO_MATCH if placed else NONE_YET
        entries.fill(shown, self._show)
        entries.border_title = f"Highlights ({len(shown)} of {len(placed)})" if self._query else f"Highlights ({len(placed)})"
        lost = self.query_one("#orphan-list", HighlightEntries)
        lost.fill(orphans, self._show)
        lost.border_title = f"Orphaned ({len(orphans)}): text not found"
        lost.display = bool(orphans)

    # --- filtering ------------------------------------------------------------------------

    def open_filter(self) -> None:
        field = self.query_one("#highlight-filter", Input)
        field.display = True
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._query = event.value.strip()
        self._apply()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        field.display = bool(field.value.strip())
        self.query_one("#highlight-list").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        annotations = controller_of(self)
        if annotations is not None and event.option.id is not None:
            annotations.jump(event.option.id)
