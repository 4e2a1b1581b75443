"""Highlights in the TUI: the controller between the Store and the views.

The app holds one :class:`HighlightController` as ``app.highlights``; the
transcript's annotation keys (reader.ui.transcript.reading) and the sidebar's list
(reader.ui.sidebar.highlights) call it.  It

* draws the open document's highlights as the view's "highlights" layer
  (re-anchored by the store, so they survive edits of the file) and fills
  the sidebar list;
* adds, recolours, annotates, deletes and restores highlights, saving after
  every change.  A save that fails is an error notification; the highlights
  stay in memory (the Store keeps them) and the save is retried every
  RETRY_SECONDS and after the next change until it succeeds;
* copies quotes with attribution (reader.ui.annotate.copying: the system clipboard,
  else the terminal's, and a notification saying which), in the form chosen
  in the palette (remembered between sessions: reader.settings);
* exports highlights from the command palette, showing the file's path.

The Store is not thread-safe: everything here runs on the UI thread (the
clipboard's thread touches no store).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal
from textual.timer import Timer

from reader.export import write_export
from reader.model import Document
from reader.quote import format_quote
from reader.store import DEFAULT_COLOUR, AnchoredHighlight, Highlight, Store, speaker_at
from reader.ui.annotate.copying import copy_text
from reader.ui.annotate.notes import NoteEdit, NoteEditor
from reader.ui.annotate.picker import ColourPicker, Pick
from reader.ui.documents.docinfo import one_line

if TYPE_CHECKING:
    from reader.ui.transcript.reading import ReadingView

RETRY_SECONDS = 20.0
EXPORT_NAMES = {"md": "Markdown", "json": "JSON", "csv": "CSV (Readwise)"}
Span = tuple[int, int]


def highlight_class(colour: str) -> str:
    """The transcript's component class for a highlight colour (highlights.tcss)."""
    return f"highlight--{colour}"


def controller_of(node: DOMNode) -> HighlightController | None:
    """The app's highlight controller (None outside the reader app)."""
    found = getattr(node.app, "highlights", None)
    return found if isinstance(found, HighlightController) else None


def quote_language(doc: Document, config: str | None) -> str:
    """The BCP 47 tag of the text as quoted: the displayed script's for
    Chinese (an OpenCC config converts *to* what follows its "2")."""
    if doc.language != "zh" and doc.script is None:
        return doc.language
    if config is None:
        return {"hant": "zh-Hant", "hans": "zh-Hans"}.get(doc.script or "", "zh")
    return "zh-Hans" if config.split("2", 1)[-1].startswith("s") else "zh-Hant"


class HighlightController:
    def __init__(self, app: App) -> None:
        self.app = app
        self.store: Store | None = None
        self.colour = DEFAULT_COLOUR  # of the next highlight
        self.quote_style: Literal["plain", "markdown"] = "plain"
        self.original_script = False  # quote in the document's own script
        self.view: ReadingView | None = None
        self.anchored: list[AnchoredHighlight] = []
        self._deleted: list[Highlight] = []  # for undo, latest last
        self._retry: Timer | None = None
        # Published after every change (others draw highlights too: the
        # beside view marks the turns they align with).
        self.changed: Signal[None] = Signal(app, "highlights-changed")

    def start(self) -> None:
        """Open the store (a corrupt one is moved aside: its warning shows)."""
        self.store = Store.open()
        self._show_warnings()

    def stop(self) -> None:
        """A last try to write what is unsaved (the app is closing)."""
        if self.store is not None and self.store.dirty:
            self.store.save()

    # --- showing ------------------------------------------------------------------------

    def document_shown(self, view: ReadingView) -> None:
        """``view`` shows a new document: draw its highlights."""
        if self.view is not view:
            # The list shows quotes in the view's script: follow its changes.
            view.watch(view, "mode", self.refresh_list, init=False)
        self.view = view
        self.refresh()

    def refresh(self) -> None:
        view = self.view
        if view is None:
            return
        doc = view.document
        self.anchored = self.store.highlights_for(doc) if doc is not None and self.store is not None else []
        spans = [(a.start, a.end, highlight_class(a.highlight.colour)) for a in self.anchored if not a.orphan]
        view.set_spans("highlights", spans)  # type: ignore[arg-type]
        self.refresh_list()

    def refresh_list(self) -> None:
        from reader.ui.sidebar.highlights import HighlightsPanel

        for panel in self.app.query(HighlightsPanel):
            panel.show(self.anchored, self.show, self.colour)

    def show(self, text: str) -> str:
        """Short document text (speaker, title, quote) as the transcript shows it."""
        show_short = getattr(self.app, "show_short", None)
        return show_short(text) if show_short is not None else text

    def under(self, view: ReadingView) -> AnchoredHighlight | None:
        """The highlight under the cursor (the shortest, where they overlap)."""
        position = view.caret.position
        found = [a for a in self.anchored if not a.orphan and a.start <= position < a.end]  # type: ignore[operator]
        return min(found, key=lambda a: a.end - a.start, default=None)  # type: ignore[operator]

    def find(self, highlight_id: str) -> AnchoredHighlight | None:
        return next((a for a in self.anchored if a.highlight.id == highlight_id), None)

    def _target_span(self, view: ReadingView) -> Span | None:
        """The selection, else the sentence under the cursor."""
        span = view.selected_span()
        if span is None and view.motions is not None:
            span = view.motions.sentence_at(view.caret.position)
        return span

    # --- changing -------------------------------------------------------------------------

    def highlight(self, view: ReadingView, colour: str | None = None, tags: tuple[str, ...] = ()) -> None:
        """Highlight the selection (or the sentence under the cursor)."""
        span, doc = self._target_span(view), view.document
        if span is None or doc is None or self.store is None:
            self._say("Nothing to highlight here: move the cursor onto text or select some (v).", "warning")
            return
        same = next((a for a in self.anchored if (a.start, a.end) == span), None)
        if same is not None:
            self.store.update(same.highlight.id, colour=colour or self.colour, tags=tags or same.highlight.tags)
        else:
            self.store.add(doc, *span, colour=colour or self.colour, tags=tags)
        view.clear_selection()
        self._changed()

    def highlight_with(self, view: ReadingView) -> None:
        """Pick a colour and tags: for a new highlight, or the one under the cursor."""
        target = self.under(view) if view.selected_span() is None else None
        colour = target.highlight.colour if target else self.colour
        tags = target.highlight.tags if target else ()

        def picked(pick: Pick | None) -> None:
            if pick is None or self.store is None:
                return
            self.colour = pick.colour
            if target is not None:
                self.store.update(target.highlight.id, colour=pick.colour, tags=pick.tags)
                self._changed()
            else:
                self.highlight(view, pick.colour, pick.tags)

        self.app.push_screen(ColourPicker(colour, tags), picked)

    def choose_colour(self, view: ReadingView, colour: str) -> None:
        """Recolour the highlight under the cursor, else set the next colour."""
        target = self.under(view) if view.selected_span() is None else None
        if target is not None and self.store is not None:
            self.store.update(target.highlight.id, colour=colour)
            self._changed()
            return
        self.colour = colour
        self.refresh_list()
        self._say(f"New highlights will be {colour}.")

    def edit_note(self, view: ReadingView) -> None:
        """Edit the note of the highlight under the cursor; on none, make one
        of the selection (or sentence) when the note is saved."""
        target = self.under(view) if view.selected_span() is None else None
        if target is not None:
            self.edit_note_of(target.highlight)
            return
        span, doc = self._target_span(view), view.document
        if span is None or doc is None:
            self._say("No highlight or text here to note.", "warning")
            return

        def saved(edit: NoteEdit | None) -> None:
            if edit is not None and self.store is not None and view.document is doc:
                self.store.add(doc, *span, colour=self.colour, note=edit.note, tags=edit.tags)
                view.clear_selection()
                self._changed()

        self.app.push_screen(NoteEditor(self.show(doc.text[span[0] : span[1]]), "", (), new=True), saved)

    def edit_note_of(self, highlight: Highlight) -> None:
        def saved(edit: NoteEdit | None) -> None:
            if edit is not None and self.store is not None:
                self.store.update(highlight.id, note=edit.note, tags=edit.tags)
                self._changed()

        editor = NoteEditor(self.show(highlight.quote.exact), highlight.note, highlight.tags, new=False)
        self.app.push_screen(editor, saved)

    def delete(self, view: ReadingView) -> None:
        target = self.under(view)
        if target is None:
            self._say("No highlight under the cursor.", "warning")
            return
        self.delete_highlight(target.highlight)

    def delete_highlight(self, highlight: Highlight) -> None:
        if self.store is None:
            return
        self._deleted.append(self.store.remove(highlight.id))
        self._changed()
        self._say("Highlight deleted (u: undo).")

    def undo(self, view: ReadingView | None = None) -> None:
        if not self._deleted or self.store is None:
            self._say("Nothing to undo.", "warning")
            return
        self.store.restore(self._deleted.pop())
        self._changed()
        self._say("Highlight restored.")

    def jump(self, highlight_id: str) -> None:
        """Put the cursor on a highlight, its line at the top of the screen."""
        found, view = self.find(highlight_id), self.view
        if found is None or found.orphan or view is None:
            self._say("That highlight's text is no longer in the document.", "warning")
            return
        view.move_cursor(found.start, to_top=True)  # type: ignore[arg-type]
        view.focus()

    # --- saving ---------------------------------------------------------------------------

    def _changed(self) -> None:
        self.save()
        self.refresh()
        self.changed.publish(None)

    def save(self) -> bool:
        """Write the store now; True if nothing is left unsaved."""
        if self.store is None:
            return True
        error = self.store.save()
        self._show_warnings()
        if error is None:
            self._recovered()
            return True
        self._say(error, "error", title="Highlights not saved")
        if self._retry is None:
            self._retry = self.app.set_interval(RETRY_SECONDS, self._retry_save)
        return False

    def _retry_save(self) -> None:
        """Quietly try again; only success is news."""
        if self.store is not None and self.store.save() is None:
            self._show_warnings()
            self._recovered()

    def _recovered(self) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
            self._say("Highlights saved.", title="Highlights")

    def _show_warnings(self) -> None:
        if self.store is None:
            return
        for warning in self.store.warnings:
            self._say(warning, "warning", title="Highlight store", timeout=30)
        self.store.warnings.clear()

    def _say(self, message: str, severity: str = "information", *, title: str = "", timeout: float | None = None):
        self.app.notify(message, title=title, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]

    # --- quoting and copying --------------------------------------------------------------------

    def copy_quote(self, view: ReadingView) -> None:
        """Copy the selection, else the highlight under the cursor, else the
        sentence, as a quote with attribution."""
        span = view.selected_span()
        if span is None:
            target = self.under(view)
            span = (target.start, target.end) if target else self._target_span(view)  # type: ignore[assignment]
        if span is None or view.document is None:
            self._say("Nothing to copy here.", "warning")
            return
        self.copy_text(self.quote(view, span))

    def quote(self, view: ReadingView, span: Span) -> str:
        doc = view.document
        assert doc is not None
        speaker = speaker_at(doc, *span)
        if self.original_script:
            text, language = view.original_text(*span), quote_language(doc, None)
        else:
            text, language = view.displayed_text(*span), quote_language(doc, view.config)
            speaker = self.show(speaker) if speaker else speaker
        title = one_line(doc.title if self.original_script else self.show(doc.title))
        return format_quote(text, one_line(speaker or ""), title, self.quote_style, language=language)

    def copy_highlight(self, highlight: Highlight) -> None:
        """A stored highlight's quote; an orphan's from the text it keeps."""
        view, found = self.view, self.find(highlight.id)
        if view is not None and found is not None and not found.orphan:
            self.copy_text(self.quote(view, (found.start, found.end)))  # type: ignore[arg-type]
            return
        show = (lambda text: text) if self.original_script else self.show
        doc = view.document if view is not None else None
        language = None if doc is None else quote_language(doc, None if self.original_script else view.config)
        text, title = show(highlight.quote.exact), one_line(show(highlight.document.title))
        speaker = one_line(show(highlight.speaker or ""))
        self.copy_text(format_quote(text, speaker, title, self.quote_style, language=language))

    def copy_text(self, text: str) -> None:
        """Copy to the clipboard and say how (reader.ui.annotate.copying)."""
        copy_text(self.app, text)

    # --- the command palette ----------------------------------------------------------------------

    def commands(self) -> Iterator[tuple[str, object, str]]:
        for fmt, name in EXPORT_NAMES.items():
            yield f"Export highlights of this document: {name}", partial(self.export, fmt), "Write a file and show its path"
            yield f"Export all highlights: {name}", partial(self.export, fmt, True), "Every document's highlights"
        if self.original_script:
            yield "Quote in the displayed script", partial(self._set_original, False), "y copies what you see"
        else:
            yield "Quote in the original script", partial(self._set_original, True), "y copies the document's own script"
        if self.quote_style == "plain":
            yield "Quote as a Markdown blockquote", partial(self._set_style, "markdown"), "y copies > quoted lines"
        else:
            yield "Quote in quotation marks", partial(self._set_style, "plain"), "y copies “quote” — Speaker, Title"

    def _set_original(self, original: bool) -> None:
        self.original_script = original
        self._remember(quote_original_script=original)
        self._say("Quotes are copied in the " + ("document's original script." if original else "displayed script."))

    def _set_style(self, style: Literal["plain", "markdown"]) -> None:
        self.quote_style = style
        self._remember(quote_style=style)
        self._say("Quotes are copied as " + ("a Markdown blockquote." if style == "markdown" else "plain quotations."))

    def _remember(self, **choices: object) -> None:
        """Keep the quote form for the next session (the reader app's settings)."""
        remember = getattr(self.app, "remember", None)
        if remember is not None:
            remember(**choices)

    def export(self, fmt: str, everything: bool = False) -> None:
        if self.store is None:
            return
        highlights = self.store.highlights() if everything else [a.highlight for a in self.anchored]
        if not highlights:
            self._say("There are no highlights to export.", "warning")
            return
        try:
            path = write_export(highlights, fmt)
        except (OSError, ValueError) as error:
            self._say(f"Export failed: {error}", "error", title="Export")
            return
        count = f"{len(highlights)} highlight" + ("" if len(highlights) == 1 else "s")
        self._say(f"{count} exported to {path}", title="Export", timeout=15)
