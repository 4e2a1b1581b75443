"""The transcript with a reading cursor and a selection (reader.ui.transcript.cursor).

Keys: ← → move by character, ctrl+← → (or w / W) by word, ( ) by sentence;
] [ (app keys) move by turn and the cursor follows; v starts or ends a
selection from the cursor, shift+arrows extend one directly; Escape clears it.
Scrolling (j k space b…) carries the cursor along so that it stays on screen.

Mouse: a click puts the cursor there, a drag selects (Textual's selection,
read back as source offsets), a double click selects the word and a triple
click the turn.

Cursor and selection are source offsets drawn as span layers, so they stay
on the same words in every script mode.  The annotation keys (h H 1–8 a d u
y) act on them through the app's highlight controller (reader.ui.annotate.highlights).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.cells import get_character_cell_size
from textual.binding import Binding
from textual.events import Click
from textual.selection import Selection

from reader.model import Document
from reader.store import COLOURS
from reader.ui.annotate.highlights import controller_of, highlight_class
from reader.ui.script import display as script
from reader.ui.transcript.cursor import Caret, Motions, Span, trimmed
from reader.ui.transcript.layout import boilerplate_runs
from reader.ui.transcript.lines import LABEL, TEXT
from reader.ui.transcript.view import GUTTER, TranscriptView

CARET = "reading--caret"
SELECTION = "screen--selection"  # the look of Textual's own (mouse) selection


class ReadingView(TranscriptView):
    """The transcript pane with a cursor: see the module docstring."""

    COMPONENT_CLASSES = {CARET, *(highlight_class(c) for c in COLOURS)}

    BINDINGS = [
        Binding("right", "move('char', True)", "Next character", key_display="→", show=False),
        Binding("left", "move('char', False)", "Previous character", key_display="←", show=False),
        Binding("ctrl+right,w", "move('word', True)", "Next word", show=False),
        Binding("ctrl+left,W", "move('word', False)", "Previous word", show=False),
        Binding("right_parenthesis", "move('sentence', True)", "Next sentence", key_display=")", show=False),
        Binding("left_parenthesis", "move('sentence', False)", "Previous sentence", key_display="(", show=False),
        Binding("v", "toggle_selecting", "Select from the cursor (again: stop)", show=False),
        Binding("shift+right", "extend('char', True)", "Extend selection right", show=False),
        Binding("shift+left", "extend('char', False)", "Extend selection left", show=False),
        Binding("ctrl+shift+right", "extend('word', True)", "Extend selection a word right", show=False),
        Binding("ctrl+shift+left", "extend('word', False)", "Extend selection a word left", show=False),
        Binding("escape", "clear_selection", "Clear the selection", show=False),
        Binding("h", "highlight", "Highlight", tooltip="The selection, or the sentence under the cursor"),
        Binding("H", "highlight_with", "Highlight with colour and tags…", show=False),
        *(
            Binding(str(n), f"colour({n})", f"Colour {name} (highlight under the cursor, or the next)", show=False)
            for n, name in enumerate(COLOURS, 1)
        ),
        Binding("a", "note", "Note and tags of the highlight (a new one on plain text)", show=False),
        Binding("d", "delete", "Delete highlight", show=False),
        Binding("u", "undo", "Undo delete", show=False),
        Binding("y", "copy_quote", "Quote", tooltip="Copy the selection, highlight or sentence as a quote"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.caret = Caret()
        self.motions: Motions | None = None
        self._folded: set[int] = set()
        self._from_mouse = False  # the selection is Textual's drag selection
        self._pending: int | None = None  # a cursor to reveal once laid out
        self._revealing = False  # scrolling to the cursor: it must not be moved

    # --- the document ---------------------------------------------------------------

    def set_document(self, doc: Document | None, speaker_colors: dict[str, str] | None = None, *, lazy: bool = False) -> None:
        self._folded = set(boilerplate_runs(doc)) if doc else set()
        self.motions = Motions(doc, self._shows) if doc else None
        self.caret = Caret()
        self._from_mouse = False
        super().set_document(doc, speaker_colors, lazy=lazy)
        if self.motions is not None:
            self.caret.position = self.motions.block_start(self.cursor)
        annotations = controller_of(self)
        if annotations is not None:
            annotations.document_shown(self)
        self._draw()  # after the highlights: cursor and selection go over them

    def _shows(self, block: int) -> bool:
        """Folded boilerplate has no text on screen for the cursor to stand on."""
        return not (self.fold_boilerplate and block in self._folded)

    def watch_fold_boilerplate(self) -> None:
        super().watch_fold_boilerplate()
        if self.motions is not None:
            self.caret.position = self.motions.clamp(self.caret.position)
            self._draw()

    # --- drawing ------------------------------------------------------------------------

    def _draw(self) -> None:
        """Cursor and selection, as the topmost layers (over highlights)."""
        for layer in ("selection", "caret"):
            self.clear_spans(layer)
        if self.motions is None or not self.document or not self.document.text:
            return
        selection = self.caret.selection
        if selection is not None:
            self.set_spans("selection", [(*selection, SELECTION)])
        position = self.caret.position
        self.set_spans("caret", [(position, position + 1, CARET)])

    # --- moving -------------------------------------------------------------------------

    def action_move(self, unit: str, forward: bool) -> None:
        self._go(unit, forward, extend=self.caret.anchor is not None)

    def action_extend(self, unit: str, forward: bool) -> None:
        self._go(unit, forward, extend=True)

    def _go(self, unit: str, forward: bool, extend: bool) -> None:
        if self.motions is None:
            return
        move = {"char": self.motions.char, "word": self.motions.word, "sentence": self.motions.sentence}[unit]
        here = self.caret.position
        target = move(here, forward)
        if target == here:
            self.app.bell()
            return
        if extend and self.caret.anchor is None:
            self.caret.anchor = here
        self.move_cursor(target, keep_selection=extend)

    def move_cursor(self, position: int, *, keep_selection: bool = False, to_top: bool = False) -> None:
        """Put the cursor on ``position`` (a source offset) and on screen."""
        if self.motions is None:
            return
        self._drop_mouse_selection()
        self.caret.position = self.motions.clamp(position)
        if not keep_selection:
            self.caret.anchor = None
        self._draw()
        self._reveal(to_top)

    def select(self, span: Span) -> None:
        """Select the source span ``span`` (cursor on its last character)."""
        if self.motions is None:
            return
        self._drop_mouse_selection()
        start, end = span
        self.caret.select((self.motions.clamp(start), self.motions.clamp(max(start, end - 1)) + 1))
        self._draw()
        self._reveal(False)

    def action_toggle_selecting(self) -> None:
        if self.caret.anchor is None:
            self.caret.anchor = self.caret.position
        else:
            self.caret.anchor = None
            self._drop_mouse_selection()
        self._draw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape with nothing selected goes on to the app (closing a pane).
        if action == "clear_selection" and self.caret.anchor is None:
            return False
        return super().check_action(action, parameters)

    def action_clear_selection(self) -> None:
        self.clear_selection()

    def clear_selection(self) -> None:
        self.caret.anchor = None
        self._drop_mouse_selection()
        self._draw()

    def selected_span(self) -> Span | None:
        """The selection without the spaces at its ends, or None."""
        selection = self.caret.selection
        if selection is None or self.document is None:
            return None
        return trimmed(self.document.text, *selection)

    # --- keeping cursor and screen together --------------------------------------------

    def _line_of(self, position: int) -> tuple[int, int] | None:
        """(block, row within the block) of the line showing ``position``."""
        layout, motions = self.layout_model, self.motions
        block = motions.block_at(position) if motions else None
        if layout is None or block is None:
            return None
        lines = layout.lines(block)
        layout.settle()
        row = next((i for i, line in enumerate(lines) if line.role == TEXT and line.start <= position < line.end), 0)
        return block, row

    def _reveal(self, to_top: bool) -> None:
        """Make the cursor's block current and scroll as little as needed to
        show the cursor's line (or put it at the top)."""
        if self.layout_model is None:
            self._pending = self.caret.position  # laid out on the first resize
            return
        found = self._line_of(self.caret.position)
        if found is None:
            return
        block, row = found
        self._revealing = True
        try:
            if block != self.cursor:
                self._set_cursor(block, scroll=False)
            layout = self.layout_model
            y, top, page = layout.start(block) + row, round(self.scroll_y), self.page_height
            if to_top:
                self._settle(block, 0 if row < page - 1 else row)  # with its label, if it fits
            elif y < top:
                self._settle(block, row)
            elif y >= top + page:
                self._settle(block, row - page + 1)
        finally:
            self._revealing = False
        self.refresh()

    def on_resize(self) -> None:
        if self._pending is not None:
            self.call_after_refresh(self._reveal_pending)

    def _reveal_pending(self) -> None:
        if self._pending is not None and self.layout_model is not None:
            self._pending = None
            self._reveal(True)

    def _set_cursor(self, block: int, scroll: bool = True, to_top: bool = False) -> None:
        # The one place the current block changes (] [ } {, the outline,
        # scrolling): the cursor follows at once, not on the Moved message,
        # or a key pressed right after ] would still act at the old place.
        super()._set_cursor(block, scroll, to_top)
        self._bring_cursor()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._bring_cursor()

    def _bring_cursor(self) -> None:
        """Keep the cursor in the current block and on screen, keeping the
        selection's other end (unless the cursor itself is being moved)."""
        if self._revealing or self.motions is None or self.layout_model is None:
            return
        block = self.motions.block_at(self.caret.position)
        if block != self.cursor:
            self._place(self.motions.block_start(self.cursor))
            return
        found = self._line_of(self.caret.position)
        if found is None:
            return
        y = self.layout_model.start(found[0]) + found[1]
        top, page = round(self.scroll_y), self.page_height
        if y < top:
            self._place_on_row(range(top, top + page))
        elif y >= top + page:
            self._place_on_row(range(top + page - 1, top - 1, -1))

    def _place_on_row(self, rows: range) -> None:
        """Put the cursor at the start of the first text line among ``rows``."""
        layout = self.layout_model
        for y in rows:
            line = layout.line(y) if layout else None
            if line is not None and line.role == TEXT and line.text.strip():
                self._place(line.start)
                return

    def _place(self, position: int) -> None:
        """Move the cursor without scrolling (the screen moved, not the cursor)."""
        if self.motions is not None:
            self.caret.position = self.motions.clamp(position)
            self._draw()

    # --- the mouse --------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        # Not the base handlers: Textual's double click selects the whole
        # widget, and the view's own click only moves the current block.
        event.prevent_default()
        position = self._pointer(event)
        if position is None or self.motions is None:
            return
        if event.chain >= 3:
            block = self.motions.block_at(position)
            span = self.motions.block_span(block) if block is not None else None
            if span is not None:
                self.select(span)
        elif event.chain == 2:
            self.select(self.motions.word_at(position))
        elif self.text_selection is not None:
            return  # the end of a drag: Textual's selection stands
        elif event.shift:
            if self.caret.anchor is None:
                self.caret.anchor = self.caret.position
            self.move_cursor(position, keep_selection=True)
        else:
            self.move_cursor(position)

    def _pointer(self, event: Click) -> int | None:
        """The source offset of the character under the mouse (either half
        of a double-width character is that character)."""
        offset = event.get_content_offset(self)
        layout = self.layout_model
        if offset is None or layout is None:
            return None
        y = round(self.scroll_y) + offset.y
        line = layout.line(y)
        return self.source_offset(y, char_at_cell(line.text, offset.x - GUTTER) if line else 0)

    def source_offset(self, y: int, x: int) -> int:
        """The source offset of character ``x`` of virtual line ``y``."""
        doc, layout = self.document, self.layout_model
        if doc is None or layout is None:
            return 0
        line = layout.line(y)
        if line is None:
            return 0 if y < 0 else len(doc.text)
        if line.role == TEXT:
            block = doc.blocks[line.block]
            shown = self._shown_text(line.block)
            return block.start + shown.to_source(line.dstart + max(0, min(x, len(line.text))))
        if line.role == LABEL or x <= 0:
            return line.start
        return line.end

    def selection_updated(self, selection: Selection | None) -> None:
        """Textual's (mouse) selection changed: take it as ours."""
        super().selection_updated(selection)
        if self.motions is None or self.document is None:
            return
        if selection is None:
            if self._from_mouse:
                self._from_mouse = False
                self.caret.anchor = None
                self._draw()
            return
        start = 0 if selection.start is None else self.source_offset(selection.start.y, selection.start.x)
        end = len(self.document.text) if selection.end is None else self.source_offset(selection.end.y, selection.end.x)
        span = trimmed(self.document.text, start, end)
        if span is None:
            return
        self._from_mouse = True
        self.caret.select(span)
        block = self.motions.block_at(self.caret.position)
        if block is not None and block != self.cursor:
            self._revealing = True
            try:
                self._set_cursor(block, scroll=False)
            finally:
                self._revealing = False
        self._draw()

    def _drop_mouse_selection(self) -> None:
        """Forget Textual's selection: the keyboard has taken over (ours stays)."""
        self._from_mouse = False
        if self.text_selection is not None:
            self.screen.clear_selection()

    # --- text as shown --------------------------------------------------------------------------

    def displayed_text(self, start: int, end: int) -> str:
        """Source span ``start:end`` as the reader sees it (script mode
        applied through each block's offset map; folded blocks left out)."""
        doc = self.document
        if doc is None:
            return ""
        starts = [b.start for b in doc.blocks]
        parts = []
        for i in range(max(0, bisect_right(starts, start) - 1), bisect_left(starts, end)):
            block = doc.blocks[i]
            if not self._shows(i) or block.end <= start:
                continue
            shown = self._shown_text(i)
            a = shown.to_display(max(start, block.start) - block.start)
            b = shown.to_display(min(end, block.end) - block.start)
            parts.append(shown.text[a:b])
        return "\n".join(parts)

    def original_text(self, start: int, end: int) -> str:
        doc = self.document
        return script.sanitize(doc.text[start:end]) if doc else ""

    # --- annotation keys: the controller does the work ----------------------------------------

    def _annotate(self, method: str, *args) -> None:
        annotations = controller_of(self)
        if annotations is None or self.document is None:
            self.app.bell()
            return
        getattr(annotations, method)(self, *args)

    def action_highlight(self) -> None:
        self._annotate("highlight")

    def action_highlight_with(self) -> None:
        self._annotate("highlight_with")

    def action_colour(self, number: int) -> None:
        self._annotate("choose_colour", COLOURS[number - 1])

    def action_note(self) -> None:
        self._annotate("edit_note")

    def action_delete(self) -> None:
        self._annotate("delete")

    def action_undo(self) -> None:
        self._annotate("undo")

    def action_copy_quote(self) -> None:
        self._annotate("copy_quote")


def char_at_cell(text: str, cell: int) -> int:
    """Index of the character of ``text`` covering terminal cell ``cell``."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if cell < used:
            return index
    return len(text)
