"""Reading a document beside another version of it (issue 9).

``B`` (or "Open beside: …" in the palette, or ``B`` on a list entry) opens
a second transcript pane, :class:`BesidePane`, to the right of the current
one; the document list and the sidebar step aside.  The two panes scroll
together turn by turn (:mod:`reader.ui.beside.sync`), both in the left
pane's script mode; once aligned, the right pane paints each speaker
mapped to one on the left (Kevin Scott, 凱文·斯科特) in the left one's
colour (:func:`colors_beside`).  ``B`` (or Escape in the right pane; the
left one's clears its selection) closes it; the pair chosen is remembered
(:mod:`reader.pairs`).  ``Y`` copies the current turn of both as two
quotations.  The right pane is for reading: highlights are made on the
left; each pane marks faintly the turns aligned with the other's
highlights.

The app's side is :class:`BesideActions`, mixed into ``ReaderApp``, whose
BINDINGS name its actions and whose ``_moved`` handler passes each
``TranscriptView.Moved`` to :meth:`BesideActions.beside_moved`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.color import Color
from textual.content import Content
from textual.worker import get_current_worker

from reader.align import Side, align_turns, counterpart, turn_text
from reader.model import Document
from reader.quote import Style as QuoteStyle
from reader.quote import format_quote
from reader.store import Store
from reader.ui.annotate.highlights import controller_of
from reader.ui.annotate.swatches import HUES
from reader.ui.beside.pairs import PairIndex, suggest
from reader.ui.beside.sync import (
    PaneSync,
    TurnMap,
    counterpart_spans,
    turn_map,
    turn_of,
    without,
)
from reader.ui.documents.docinfo import one_line, script_label, speaker_colors, speakers
from reader.ui.documents.doclist import DocumentList
from reader.ui.script import display as script
from reader.ui.transcript import colors
from reader.ui.transcript.view import TranscriptView

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

COUNTERPART_LAYER = "counterpart-highlights"
OWN_LAYER = "highlights"  # the pane's own document's highlights (the left pane draws its own)
# A highlight is its hue at 38% (styles/highlights.tcss); its mark on the
# aligned turn of the other version is the same hue, fainter.
OWN_ALPHA, COUNTERPART_ALPHA = 0.38, 0.14


class BesidePane(TranscriptView):
    """The version read beside the current document: a transcript pane that
    shows what its partner (the left pane) shows in the same script mode.

    Its own ``]``/``[``/``}``/``{`` move it (the app's move the left pane)."""

    BINDINGS = [
        Binding("right_square_bracket", "next_turn", "Next turn", key_display="]"),
        Binding("left_square_bracket", "previous_turn", "Prev turn", key_display="["),
        Binding("right_curly_bracket", "next_heading", "Next heading", key_display="}"),
        Binding("left_curly_bracket", "previous_heading", "Prev heading", key_display="{", show=False),
        Binding("escape", "app.close_beside", "Close beside", show=False),
    ]

    def __init__(self, partner: TranscriptView, on_layout: Callable[[], None]) -> None:
        super().__init__(id="beside")
        self.partner = partner
        self.index: int | None = None  # the document's index in the app's list
        self.wanted: Document | None = None  # the document shown, or to show once mounted
        self._on_layout = on_layout  # re-align with the partner once laid out again
        self._pending: tuple[Document, dict[str, str]] | None = None
        self.set_reactive(TranscriptView.mode, partner.mode)
        self.set_reactive(TranscriptView.fold_boilerplate, partner.fold_boilerplate)

    def show(self, index: int, doc: Document, colors: dict[str, str]) -> None:
        self.index, self.wanted = index, doc
        if self.is_mounted:
            self.set_document(doc, colors)
        else:
            self._pending = (doc, colors)

    def on_mount(self) -> None:
        self.watch(self.partner, "mode", self._follow_partner, init=False)
        self.watch(self.partner, "fold_boilerplate", self._follow_partner, init=False)
        if self._pending is not None:
            self.set_document(*self._pending)
            self._pending = None

    def _follow_partner(self) -> None:
        self.mode = self.partner.mode
        self.fold_boilerplate = self.partner.fold_boilerplate
        self.call_after_refresh(self._on_layout)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        self.call_after_refresh(self._on_layout)

    def set_speaker_colors(self, by_speaker: dict[str, str]) -> None:
        """Paint the speakers in these colours from now on, where the pane is."""
        if by_speaker != self.speaker_colors:
            self.speaker_colors = dict(by_speaker)
            self._strips.clear()  # rendered lines carry the old colours
            self.refresh()

    def action_next_turn(self) -> None:
        self.next_turn()

    def action_previous_turn(self) -> None:
        self.previous_turn()

    def action_next_heading(self) -> None:
        self.next_heading()

    def action_previous_heading(self) -> None:
        self.previous_heading()


def colors_beside(doc: Document, left: dict[str, str], mapping: dict[str | None, str | None]) -> dict[str, str]:
    """The speaker colours of ``doc`` read beside a document painted in
    ``left``: each speaker that ``mapping`` (left → ``doc``, as
    :func:`reader.align.map_speakers` gives it) pairs with one on the left
    takes that one's colour; the others keep their own unless the left
    uses it, then take the next free one (the left's names go first to
    :func:`reader.ui.transcript.colors.assign_colors`, so they hold their slots)."""
    mapped = {theirs: left[ours] for ours, theirs in mapping.items() if ours in left and theirs is not None}
    rest = [name for name, _ in speakers(doc) if name not in mapped]
    own = colors.assign_colors([*left, *rest], fold_script=script.fold_to_simplified)
    return {**{name: own[name] for name in rest}, **mapped}


def pane_title(view: TranscriptView, doc: Document) -> Content:
    """``de · title`` for a pane's border (a Content: titles are not markup)."""
    language = " ".join(part for part in (doc.language, script_label(doc)) if part)
    return Content(f"{language} · {one_line(script.show_plain(doc.title, view.config))}")


def quote_tag(doc: Document, config: str | None) -> str:
    """The BCP 47 tag of a document's text as shown (a conversion config
    from simplified, "s2…", shows traditional)."""
    if config is not None:
        return "zh-Hant" if config.startswith("s2") else "zh-Hans"
    return {"hant": "zh-Hant", "hans": "zh-Hans"}.get(doc.script or "", doc.language)


def turn_quote(view: TranscriptView, tmap: TurnMap, style: QuoteStyle = "plain", original: bool = False) -> str | None:
    """The current turn of ``view`` as a quotation, in the script shown
    (``original``: in the document's own)."""
    doc = view.document
    turn = turn_of(tmap, view.cursor) if doc is not None else None
    if doc is None or turn is None:
        return None
    found, config = tmap.turns[turn], None if original else view.config
    return format_quote(
        script.show_plain(turn_text(doc, found), config),
        one_line(script.show_plain(found.speaker, config)) if found.speaker else None,
        one_line(script.show_plain(doc.title, config)),
        style,
        language=quote_tag(doc, config),
    )


def tint(view: TranscriptView, colour: str, alpha: float = COUNTERPART_ALPHA) -> Style:
    """A highlight colour as a translucent background on ``view`` (Rich has
    no alpha: blended here)."""
    background = view.background_colors[1]
    mark = Color.parse(HUES.get(colour, HUES["yellow"])).with_alpha(alpha)
    return Style(bgcolor=(background + mark).rich_color)


class BesideActions:
    """Reading beside, on the app (see the module docstring)."""

    _pair_index: PairIndex | None = None
    _sync: PaneSync | None = None
    _beside_left: Document | None = None  # the left pane's document when opened

    # --- pairs ------------------------------------------------------------------

    @property
    def pair_index(self: ReaderApp) -> PairIndex:
        if self._pair_index is None:
            self._pair_index = PairIndex(self.paths)
        return self._pair_index

    def find_pairs(self: ReaderApp) -> None:
        """Once every document is loaded: remembered pairs now, suggested
        ones from a worker; the list marks both (⇄)."""
        warning = self.pair_index.load_remembered()
        if warning:
            self.notify(warning, title="Pairs", severity="warning", markup=False)
        self._mark_pairs()
        self._suggest_pairs(self.loaded_documents())

    # A description of our own: Textual's default is the repr() of the
    # arguments, 0.14 s for the Documents of one 10 MB transcript.
    @work(thread=True, exclusive=True, group="pairs", description="suggest pairs")
    def _suggest_pairs(self: ReaderApp, documents: list[tuple[int, Document]]) -> None:
        worker = get_current_worker()
        found = suggest(documents, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            _hand_over(self, self._pairs_suggested, found)

    def _pairs_suggested(self: ReaderApp, found: dict[frozenset[int], float]) -> None:
        self.pair_index.suggested = found
        self._mark_pairs()

    def _mark_pairs(self: ReaderApp) -> None:
        self.query_one(DocumentList).set_paired(self.pair_index.paired())

    # --- opening and closing ------------------------------------------------------

    @property
    def beside_pane(self: ReaderApp) -> BesidePane | None:
        return self.query_one_optional("#beside", BesidePane)

    def action_beside(self: ReaderApp) -> None:
        """B: close the beside view, or open the list's highlighted document
        (when the list has focus) or the best counterpart beside this one."""
        if self.beside_pane is not None:
            self.close_beside()
            return
        index = self._beside_choice()
        if index is None:
            self.notify(
                "No other version of this document is known: choose one with ctrl+p, “Open beside”.",
                title="Beside",
                markup=False,
            )
            return
        self.open_beside(index)

    def _beside_choice(self: ReaderApp) -> int | None:
        focused = self.focused
        if isinstance(focused, DocumentList) and focused.highlighted not in (None, self.current):
            return focused.highlighted
        if self.current is None:
            return None
        return next((i for i, _ in self.pair_index.counterparts(self.current) if self.documents[i] is not None), None)

    def open_beside(self: ReaderApp, index: int) -> None:
        """Show document ``index`` beside the current one and remember the pair."""
        left, doc = self.transcript, self.documents[index]
        if doc is None or left.document is None or self.current is None or index == self.current:
            reason = "it is the document on the left" if index == self.current else "it is not loaded"
            self.notify(f"Cannot open beside: {reason}.", title="Beside", severity="warning", markup=False)
            return
        pane = self.beside_pane
        if pane is None:
            pane = BesidePane(left, self._beside_resync)
            self.query_one("#main").mount(pane, after=left)
            self.query_one("#main").add_class("-beside")
        self._sync, self._beside_left = None, left.document
        pane.show(index, doc, speaker_colors(doc))
        left.border_title, pane.border_title = pane_title(left, left.document), pane_title(pane, doc)
        left.focus()
        self._align_beside(left.document, doc)
        message = self.pair_index.remember(self.current, index)
        if message:
            self.notify(message, title="Pairs", severity="warning", markup=False)
        self._mark_pairs()
        self.refresh_bindings()

    def close_beside(self: ReaderApp) -> None:
        pane = self.beside_pane
        if pane is None:
            return
        self._sync = None
        self.workers.cancel_group(self, "beside")
        pane.remove()
        self.query_one("#main").remove_class("-beside")
        left = self.transcript
        left.border_title = left.border_subtitle = None
        left.clear_spans(COUNTERPART_LAYER)
        left.focus()
        self.refresh_bindings()

    def action_close_beside(self: ReaderApp) -> None:
        self.close_beside()

    def check_action(self: ReaderApp, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape and Y mean nothing without the beside view: let the key go on.
        if action in ("close_beside", "copy_both"):
            return self.beside_pane is not None
        return super().check_action(action, parameters)  # type: ignore[misc]

    # --- keeping in step --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="beside", description="align")
    def _align_beside(self: ReaderApp, left: Document, right: Document) -> None:
        """Aligning 5,000 turns with 5,000 takes seconds: not on the UI thread."""
        maps = (turn_map(left), turn_map(right))
        alignment = align_turns(maps[0].turns, maps[1].turns)
        if not get_current_worker().is_cancelled:
            _hand_over(self, self._aligned, left, right, alignment, maps)

    def _aligned(self: ReaderApp, left: Document, right: Document, alignment, maps) -> None:
        pane = self.beside_pane
        if pane is None or pane.wanted is not right or self.transcript.document is not left:
            return  # closed or changed meanwhile
        if pane.document is not right:  # aligned before the pane was even mounted
            self.call_after_refresh(self._aligned, left, right, alignment, maps)
            return
        self._sync = PaneSync(self.transcript, pane, alignment, maps)
        pane.set_speaker_colors(colors_beside(right, self.transcript.speaker_colors, alignment.speakers))
        self.refresh_counterpart_highlights()
        self._beside_resync()

    def _beside_resync(self: ReaderApp) -> None:
        """Line the panes up again, the focused one leading (after a resize
        or a change of script mode, which move both)."""
        sync = self._sync
        if sync is not None:
            sync.follow("b" if sync.panes["b"].has_focus else "a")  # type: ignore[attr-defined]
            self._show_turns()

    def beside_moved(self: ReaderApp, view: TranscriptView) -> None:
        """A pane moved (``TranscriptView.Moved``): the other follows."""
        if self.beside_pane is None:
            return
        if self.transcript.document is not self._beside_left:
            self.close_beside()  # another document was opened on the left
            return
        if self._sync is not None and self._sync.moved(view, view.has_focus or self.mouse_over is view):
            self._show_turns()

    def _show_turns(self: ReaderApp) -> None:
        """Each pane's border says which turn it is on and its counterpart."""
        sync = self._sync
        assert sync is not None
        for side, view in sync.panes.items():
            tmap = sync.maps[side]
            turn = turn_of(tmap, view.cursor)
            view.border_subtitle = _turn_label(sync.alignment, side, turn, len(tmap.turns))  # type: ignore[attr-defined]

    # --- highlights and quotes ----------------------------------------------------------

    def refresh_counterpart_highlights(self: ReaderApp) -> None:
        """Mark faintly, in each pane, the turns aligned with the other pane's
        highlights, and draw the right document's own.  Call again after
        highlights change (the highlight controller's refresh)."""
        sync, store = self._sync, self._highlights()
        if sync is None or store is None:
            return
        found = {}
        for side in ("a", "b"):
            doc = sync.panes[side].document  # type: ignore[attr-defined]
            found[side] = [(h.start, h.end, h.highlight.colour) for h in store.highlights_for(doc) if not h.orphan]
        right = sync.panes["b"]
        right.set_spans(OWN_LAYER, [(s, e, tint(right, c, OWN_ALPHA)) for s, e, c in found["b"]])  # type: ignore[attr-defined]
        for side, other in (("a", "b"), ("b", "a")):
            marks = counterpart_spans(found[side], sync.maps[side], sync.maps[other], sync.alignment, side)
            marks = without(marks, [(start, end) for start, end, _ in found[other]])
            view = sync.panes[other]
            view.set_spans(COUNTERPART_LAYER, [(s, e, tint(view, c)) for s, e, c in marks])  # type: ignore[attr-defined]

    def _highlights(self: ReaderApp) -> Store | None:
        """The highlight controller's store (None until it has started)."""
        controller = controller_of(self)
        return controller.store if controller is not None else None

    def action_copy_both(self: ReaderApp) -> None:
        """Y: the current turn of both panes, as two quotations, in the quote
        style and script ``y`` uses; copied the way ``y`` copies (system
        clipboard, else OSC 52, and a notification saying which)."""
        sync, controller = self._sync, controller_of(self)
        if sync is None or controller is None:
            return
        quotes = [turn_quote(sync.panes[s], sync.maps[s], controller.quote_style, controller.original_script) for s in ("a", "b")]  # type: ignore[arg-type]
        if None in quotes:
            self.notify("Both panes must be on a turn to copy it.", title="Copy", severity="warning", markup=False)
            return
        controller.copy_text("\n\n".join(quotes))  # type: ignore[arg-type]


def _turn_label(alignment, side: Side, turn: int | None, turns: int) -> Content:
    if turn is None:
        return Content("")
    other = counterpart(alignment, side, turn)
    return Content(f"turn {turn + 1} of {turns} " + (f"⇄ {other + 1}" if other is not None else "· no counterpart"))


def _hand_over(app, callback, *args, **kwargs) -> None:
    """Run ``callback`` on the UI thread, unless the app is closing."""
    try:
        app.call_from_thread(callback, *args, **kwargs)
    except RuntimeError:
        pass
