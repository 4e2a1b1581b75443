"""The transcript pane: a Line-API view over a DocLayout.

Nothing here is a widget per turn.  ``render_line`` looks up the line in the
layout (a bisect), turns it into a Strip once and keeps the strip in an LRU
cache keyed by its line number.  The layout wraps blocks only as they come
near the screen; when wrapping changes a block's height, the view keeps the
block at the top of the screen where it was (see ``_settle``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import Block, Document, clock
from reader.ui.transcript import colors
from reader.ui.script import display as script
from reader.ui.transcript.layout import EAGER_CHARS, DocLayout, block_cells, block_indices, boilerplate_runs
from reader.ui.transcript.lines import BLANK, FOLD, LABEL, TEXT, Line
from reader.ui.transcript.paint import KIND_CLASS, Overlay, SpanLayer, SpanStyle, line_overlays, offset_meta, paint_text, resolved

GUTTER = 2  # "▌ " before every line
RIGHT_MARGIN = 1
GUTTER_BAR = "▌"
CURSOR_BAR = "█"
EMPTY_DOCUMENT = "This document has no text."
TIME_GAP = "  "  # between a speaker's name and the turn's time

class TranscriptView(ScrollView, can_focus=True, inherit_bindings=False):
    """The scrollable transcript, turns coloured by speaker."""

    ALLOW_SELECT = True

    BINDINGS = [
        Binding("down,j", "line_down", "Line down", show=False),
        Binding("up,k", "line_up", "Line up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("home,g", "top", "Top", show=False),
        Binding("end,G", "bottom", "End", show=False),
    ]

    COMPONENT_CLASSES = {
        "transcript--turn",
        "transcript--label",
        "transcript--time",  # a turn's time after the speaker's name (subtitles, ASR)
        "transcript--heading",
        "transcript--narration",
        "transcript--note",
        "transcript--boilerplate",
        "transcript--fold",
        "transcript--cursor",
        "transcript--cursor-bar",
        "transcript--placeholder",
        # Drawn over the text by other parts (reader/ui/find/bar.py, sidebar/keywords.py,
        # find/watchwords.py); styled in styles/find.tcss.
        "transcript--find",
        "transcript--find-current",
        "transcript--keyword",
        "transcript--watchword",
    }

    DEFAULT_CSS = """
    TranscriptView { overflow-y: scroll; overflow-x: hidden; }
    """

    mode: reactive[str] = reactive("original", init=False)
    """Name of the script mode the text is shown in."""

    fold_boilerplate: reactive[bool] = reactive(True, init=False)
    """Show each run of web boilerplate as one line."""

    class Moved(Message):
        """The reading position changed (scroll or current block)."""

        def __init__(self, view: TranscriptView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.cursor = 0  # index of the current block
        self.speaker_colors: dict[str, str] = {}
        self.placeholder = "Loading…"
        self._layout: DocLayout | None = None
        self._eager_chars = EAGER_CHARS  # documents this short are wrapped whole (0: a preview, lazily)
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._shown: LRUCache[tuple[int, str], script.Shown] = LRUCache(8192)
        self._labels: dict[tuple[str, str], str] = {}
        self._styles: dict[str, Style] = {}
        self._layers: dict[str, SpanLayer] = {}
        self._settling = False
        self._turns: list[int] = []  # every turn block, for ] and [
        self._numbered: list[int] = []  # turns that count as "turn N of M"
        self._headings: list[int] = []
        self._cells: list[int] = []
        self._folds: dict = {}

    # --- the document ------------------------------------------------------------

    def set_document(self, doc: Document | None, speaker_colors: dict[str, str] | None = None, *, lazy: bool = False) -> None:
        """Show ``doc`` from its beginning (None: show nothing).  ``lazy``:
        wrap only what is shown even if it is short (a preview, replaced soon)."""
        self.document = doc
        self._eager_chars = 0 if lazy else EAGER_CHARS
        self.speaker_colors = dict(speaker_colors or {})
        self._shown.clear()
        self._labels.clear()
        self._layers.clear()  # spans point into the previous document
        self.cursor = 0
        self._turns, self._numbered, self._headings = block_indices(doc) if doc else ([], [], [])
        self._cells = block_cells(doc) if doc else []
        self._folds = boilerplate_runs(doc) if doc else {}
        self._layout = None
        self._relayout(anchor=(0, 0.0))
        self._set_cursor(self._first_visible_block(), scroll=False)

    @property
    def painted(self) -> bool:
        """The document shown now has been drawn (not just set)."""
        return self._layout is not None and getattr(self, "_painted_layout", None) is self._layout

    @property
    def headings(self) -> list[int]:
        """Block indices of the document's headings."""
        return list(self._headings)

    @property
    def layout_model(self) -> DocLayout | None:
        return self._layout

    @property
    def config(self) -> str | None:
        """The conversion config in effect: none for text that is not Chinese."""
        doc = self.document
        if doc is None or (doc.script is None and doc.language != "zh"):
            return None
        return script.mode_named(self.mode).config

    def is_converting(self) -> bool:
        return self.config is not None

    @property
    def wrap_width(self) -> int:
        return max(1, self.scrollable_content_region.width - GUTTER - RIGHT_MARGIN)

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    # --- layout ------------------------------------------------------------------

    def _shown_text(self, index: int) -> script.Shown:
        key = (index, self.mode)
        shown = self._shown.get(key)
        if shown is None:
            assert self.document is not None
            shown = script.show(self.document.block_text(self.document.blocks[index]), self.config)
            self._shown[key] = shown
        return shown

    def _label(self, index: int) -> str | None:
        assert self.document is not None
        block = self.document.blocks[index]
        if block.kind != "turn" or block.speaker is None:
            return None
        key = (block.speaker, self.mode)
        if key not in self._labels:
            self._labels[key] = script.show_plain(block.speaker, self.config).replace("\n", " ")
        if block.time is not None:  # part of the label's text, so copying keeps it
            return f"{self._labels[key]}{TIME_GAP}{clock(block.time)}"
        return self._labels[key]

    def _anchor(self) -> tuple[int, float]:
        """The block at the top of the screen and how far into it we are."""
        layout = self._layout
        if layout is None or not layout.total:
            return (0, 0.0)
        top = round(self.scroll_y)
        block = layout.block_at(top)
        height = max(1, layout.end(block) - layout.start(block))
        return block, (top - layout.start(block)) / height

    def _relayout(self, anchor: tuple[int, float] | None = None) -> None:
        """Lay the document out again (new width, mode or folding), keeping
        the block at the top of the screen in place."""
        anchor = anchor if anchor is not None else self._anchor()
        self._strips.clear()
        doc = self.document
        if doc is None or self.scrollable_content_region.width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        old = self._layout
        same_shape = old is not None and old.doc is doc and old.width == self.wrap_width and old.fold == self.fold_boilerplate
        self._layout = DocLayout(
            doc,
            self.wrap_width,
            self._shown_text,
            self._label,
            fold=self.fold_boilerplate,
            folds=self._folds,
            cells=self._cells,
            estimates=old.estimates if same_shape else None,  # a mode switch: same estimates
            eager_chars=self._eager_chars,
        )
        block, fraction = anchor
        if not doc.blocks:  # an empty file: no block to settle on (block 0 does not exist)
            self._apply_position(0)
            self.refresh()
            return
        block = self._visible_block(min(block, len(doc.blocks) - 1))
        self._settle(block, fraction=fraction)
        self.refresh()

    def _visible_block(self, block: int) -> int:
        """``block``, or the run's first block when it is folded away."""
        fold = self._folds.get(block)
        if fold is not None and self.fold_boilerplate:
            return fold.first
        return block

    def _settle(self, block: int, offset: int = 0, fraction: float | None = None) -> None:
        """Wrap what is on (and near) the screen, with line ``offset`` of
        ``block`` staying at the top of the screen."""
        layout = self._layout
        if layout is None:
            return
        page = self.page_height
        for _ in range(8):  # wrapping converges: wrapped blocks stay wrapped
            if fraction is not None:
                offset = round(fraction * (layout.end(block) - layout.start(block)))
            top = layout.start(block) + offset
            if not layout.ensure(top - page, top + 2 * page):
                break
        if fraction is not None:
            offset = round(fraction * (layout.end(block) - layout.start(block)))
        top = layout.start(block) + offset
        self._apply_position(top)

    def _apply_position(self, top: int) -> None:
        layout = self._layout
        assert layout is not None
        width = self.scrollable_content_region.width
        if self.virtual_size != Size(width, layout.total):
            self.virtual_size = Size(width, layout.total)
            self._strips.clear()
        top = max(0, min(top, layout.total - self.page_height))
        if top != round(self.scroll_y):
            self._settling = True
            try:
                self.set_scroll_y(top)
            finally:
                self._settling = False

    def set_scroll_y(self, y: int) -> None:
        """Scroll without animation and without re-anchoring."""
        self.scroll_target_y = self.scroll_y = y

    def on_resize(self, event: Resize) -> None:
        if self._layout is None or self._layout.width != self.wrap_width:
            self._relayout()
        else:
            self._settle(*self._top_position())
        self._strips.clear()

    def _top_position(self) -> tuple[int, int]:
        layout = self._layout
        assert layout is not None
        top = round(self.scroll_y)
        block = layout.block_at(top)
        return block, top - layout.start(block)

    def watch_scroll_y(self, old: float, new: float) -> None:
        if self._layout is not None and not self._settling:
            before = round(self.scroll_y)
            self._settle(*self._top_position())
            if round(self.scroll_y) != before:
                return  # the nested change has done the rest
        super().watch_scroll_y(old, new)
        self._follow()
        self.post_message(self.Moved(self))

    def watch_mode(self) -> None:
        self._labels.clear()
        self._relayout()

    def watch_fold_boilerplate(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # --- the current block ---------------------------------------------------------

    def _set_cursor(self, block: int, scroll: bool = True, to_top: bool = False) -> None:
        doc = self.document
        if doc is None or not doc.blocks:
            return
        block = self._visible_block(max(0, min(block, len(doc.blocks) - 1)))
        self.cursor = block
        target = doc.blocks[block]
        self._layers["cursor"] = SpanLayer([(target.start, target.end, "transcript--cursor")])
        self._strips.clear()
        if scroll:
            self._scroll_to_block(block, to_top)
        self.refresh()
        self.post_message(self.Moved(self))

    def _scroll_to_block(self, block: int, to_top: bool) -> None:
        layout = self._layout
        if layout is None:
            return
        layout.ensure(layout.start(block), layout.start(block) + self.page_height)
        top, page = round(self.scroll_y), self.page_height
        start, end = layout.start(block), layout.end(block)
        if to_top or start < top or end > top + page:
            self._settle(block, 0)
            self.refresh()

    def _first_visible_block(self) -> int:
        layout = self._layout
        if layout is None or not layout.total:
            return 0
        top = round(self.scroll_y)
        block = layout.block_at(top)
        # Only the blank after it shows: the reader is on the next one.
        if layout.end(block) - 1 <= top and block + 1 < len(layout):
            block = layout.block_at(layout.end(block))
        return block

    def _follow(self) -> None:
        """Keep the current block on screen when scrolling leaves it behind."""
        layout = self._layout
        if layout is None or not layout.total:
            return
        top, page = round(self.scroll_y), self.page_height
        start, end = layout.start(self.cursor), layout.end(self.cursor)
        if end - 1 <= top:
            self._set_cursor(self._first_visible_block(), scroll=False)
        elif start >= top + page:
            self._set_cursor(layout.block_at(top + page - 1), scroll=False)

    def _step(self, targets: Sequence[int], forward: bool) -> bool:
        """Move the cursor to the next/previous block among ``targets``."""
        if forward:
            i = bisect_right(targets, self.cursor)
            found = targets[i] if i < len(targets) else None
        else:
            i = bisect_left(targets, self.cursor)
            found = targets[i - 1] if i > 0 else None
        if found is None:
            self.app.bell()
            return False
        self._set_cursor(found, to_top=targets is self._headings)
        return True

    def next_turn(self) -> bool:
        return self._step(self._turns, True)

    def previous_turn(self) -> bool:
        return self._step(self._turns, False)

    def next_heading(self) -> bool:
        return self._step(self._headings, True)

    def previous_heading(self) -> bool:
        return self._step(self._headings, False)

    def jump_to_block(self, block: int) -> None:
        """Make ``block`` current and put it at the top of the screen."""
        self._set_cursor(block, to_top=True)

    def show_offset(self, offset: int) -> None:
        """Make the block holding source ``offset`` current and bring the line
        with that offset on screen, a third of the way down if it has to
        scroll: a find hit or a keyword may sit deep inside a long turn."""
        doc, layout = self.document, self._layout
        if doc is None or layout is None or not doc.blocks:
            return
        block = self._visible_block(max(0, bisect_right(doc.blocks, offset, key=attrgetter("start")) - 1))
        self._set_cursor(block, scroll=False)
        lines = layout.lines(block)
        layout.settle()
        row = next((i for i, line in enumerate(lines) if line.role == TEXT and line.start <= offset < line.end), 0)
        y, top = layout.start(block) + row, round(self.scroll_y)
        if not top <= y < top + self.page_height:
            self._settle(block, row - self.page_height // 3)
            self.refresh()

    def top_position(self) -> tuple[int, int] | None:
        """Where the screen is, by source offset: (the start of the block at
        the top of the screen, how many of its lines are scrolled past);
        None before the document is laid out.  Kept across replacing the
        document by another version of it (reader.ui.loader)."""
        doc, layout = self.document, self._layout
        if doc is None or layout is None or not layout.total or not doc.blocks:
            return None
        block, rows = self._top_position()
        return doc.blocks[block].start, rows

    def scroll_to_position(self, offset: int, rows: int = 0) -> None:
        """Put the block holding source ``offset`` at the top of the screen
        with ``rows`` of its lines scrolled past (see :meth:`top_position`)."""
        doc, layout = self.document, self._layout
        if doc is None or layout is None or not doc.blocks:
            return
        block = self._visible_block(max(0, bisect_right(doc.blocks, offset, key=attrgetter("start")) - 1))
        self._settle(block, rows)
        self._follow()
        self.refresh()

    def on_click(self, event: Click) -> None:
        layout = self._layout
        if layout is None or not layout.total or event.y < 0:
            return
        line = layout.line(round(self.scroll_y) + event.y)
        if line is not None and line.block != self.cursor:
            self._set_cursor(line.block, scroll=False)

    # --- position for the status bar ------------------------------------------------

    @property
    def turn_position(self) -> tuple[int, int]:
        """(turns up to and including the current block, all turns)."""
        return bisect_right(self._numbered, self.cursor), len(self._numbered)

    @property
    def percent(self) -> int:
        maximum = self.max_scroll_y
        return 100 if maximum <= 0 else round(100 * self.scroll_y / maximum)

    @property
    def current_heading(self) -> int | None:
        """Index among the headings of the section the reader is in."""
        i = bisect_right(self._headings, self.cursor)
        return i - 1 if i else None

    # --- actions --------------------------------------------------------------------

    def action_line_down(self) -> None:
        self.set_scroll_y(round(self.scroll_y) + 1)

    def action_line_up(self) -> None:
        self.set_scroll_y(round(self.scroll_y) - 1)

    def action_page_down(self) -> None:
        self.set_scroll_y(round(self.scroll_y) + max(1, self.page_height - 1))

    def action_page_up(self) -> None:
        self.set_scroll_y(round(self.scroll_y) - max(1, self.page_height - 1))

    def action_top(self) -> None:
        self.set_scroll_y(0)
        self._set_cursor(self._first_visible_block(), scroll=False)

    def action_bottom(self) -> None:
        layout = self._layout
        if layout is None:
            return
        page = self.page_height
        while layout.ensure(layout.total - 2 * page, layout.total):
            pass
        self._apply_position(layout.total - page)
        self.set_scroll_y(self.max_scroll_y)
        if self.document and self.document.blocks:
            self._set_cursor(layout.block_at(layout.total - 1), scroll=False)

    # --- spans: the hook for highlights, search hits, keywords ----------------------

    def set_spans(self, layer: str, spans: Iterable[tuple[int, int, SpanStyle]]) -> None:
        """Draw ``(start, end, style)`` source spans (offsets into
        ``Document.text``) over the text; a layer replaces its previous spans.
        ``style`` is a Rich Style or a component class name."""
        self._layers[layer] = SpanLayer(spans)
        self._strips.clear()
        self.refresh()

    def clear_spans(self, layer: str) -> None:
        if self._layers.pop(layer, None) is not None:
            self._strips.clear()
            self.refresh()

    def _line_spans(self, line: Line) -> list[Overlay]:
        if not self._layers:
            return []
        block_start = self.document.blocks[line.block].start  # type: ignore[union-attr]
        return line_overlays(line, self._shown_text(line.block), block_start, self._layers.values())

    # --- rendering ----------------------------------------------------------------------

    def style_of(self, name: str) -> Style:
        """The Rich style of a component class, cached until styles change."""
        return resolved(self._styles, self, name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout
        virtual_y = round(self.scroll_y) + y
        if layout is None or not layout.total:
            return self._placeholder(y, width)
        self._painted_layout = layout
        selection = self.text_selection
        strip = self._strips.get(virtual_y) if selection is None else None
        if strip is None:
            total = layout.total
            strip = self._render(virtual_y, width, selection)
            if layout.total != total:  # a block wrapped late: fix the scrollbar after this frame
                self.call_after_refresh(self._apply_position, round(self.scroll_y))
            if selection is None:
                self._strips[virtual_y] = strip
        return strip

    def _placeholder(self, y: int, width: int) -> Strip:
        """The empty pane says why it is empty ("Loading…", "No document",
        an empty file)."""
        base = self.rich_style
        message = self.placeholder if self.document is None else EMPTY_DOCUMENT
        if y != 1 or not message:
            return Strip.blank(width, base)
        text = " " * GUTTER + message
        return Strip([Segment(text, base + self.style_of("transcript--placeholder"))]).crop_extend(0, width, base)

    def _render(self, y: int, width: int, selection: Selection | None) -> Strip:
        base = self.rich_style
        layout = self._layout
        line = layout.line(y) if layout else None
        if line is None or self.document is None:
            return Strip.blank(width, base)
        block = self.document.blocks[line.block]
        segments = list(self._gutter(line, block, base, y))
        text_style = self._text_style(line, block, base)
        overlays = self._line_spans(line)
        if line.role == LABEL and block.time is not None:
            time_start = len(line.text) - len(clock(block.time))
            overlays.append((time_start, len(line.text), "transcript--time"))
        if selection is not None and (span := selection.get_span(y)) is not None:
            start, end = span
            overlays.append((start, len(line.text) if end == -1 else end, "screen--selection"))
        segments.extend(paint_text(line.text, text_style, overlays, y, self.style_of))
        segments.append(Segment(" " * width, base + offset_meta(len(line.text), y)))
        return Strip(segments).crop_extend(0, width, base)

    def _speaker_color(self, block: Block) -> str:
        return self.speaker_colors.get(block.speaker or "", colors.NEUTRAL)

    def _gutter(self, line: Line, block: Block, base: Style, y: int) -> Iterable[Segment]:
        meta = offset_meta(0, y)
        is_cursor = line.block == self.cursor and line.role != BLANK
        if block.kind == "turn" and line.role != BLANK:
            bar = CURSOR_BAR if is_cursor else GUTTER_BAR
            yield Segment(bar, base + Style(color=self._speaker_color(block)) + meta)
        elif is_cursor:
            yield Segment(GUTTER_BAR, base + self.style_of("transcript--cursor-bar") + meta)
        else:
            yield Segment(" ", base + meta)
        yield Segment(" ", base + meta)

    def _text_style(self, line: Line, block: Block, base: Style) -> Style:
        if line.role == LABEL:
            style = base + self.style_of("transcript--label") + Style(color=self._speaker_color(block))
            if line.block == self.cursor:
                style += Style(reverse=True)  # the speaker's colour as a banner
            return style
        if line.role == FOLD:
            return base + self.style_of("transcript--boilerplate") + self.style_of("transcript--fold")
        return base + self.style_of(KIND_CLASS.get(block.kind, "transcript--turn"))

    # --- text selection ----------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        layout = self._layout
        if layout is None or not layout.total:
            return None
        start, end = selection
        first, first_offset = (0, 0) if start is None else layout.offset_in_copy(start.y, start.x)
        if end is None:
            last, last_offset = len(layout) - 1, None
        else:
            last, last_offset = layout.offset_in_copy(end.y, end.x)
        parts = []
        for block in range(first, last + 1):
            if layout.counts[block] == 0:
                continue  # folded away
            text = layout.copy_text(block)
            a = first_offset if block == first else 0
            b = last_offset if block == last and last_offset is not None else len(text)
            parts.append(text[a:b])
        return "\n".join(parts), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

