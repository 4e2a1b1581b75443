"""The reader's watch-words in the UI: drawn in every document.

The words live in ``watchwords.json`` (:mod:`reader.watchwords`: the UI adds
and removes them, a person may edit the file by hand) and are matched
script- and case-insensitively, so 软件 lights up 軟件.  They are drawn on
the transcript's "watchwords" layer, found in a worker thread: finding
folds the whole text, 0.3 s for 10 MB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import get_current_worker

from reader.model import Document
from reader.ui.prompt import Prompt
from reader.watchwords import (
    WatchWordsError,
    add_watchword,
    load_watchwords,
    normalize,
    remove_watchword,
    watchword_spans,
)

if TYPE_CHECKING:
    from reader.ui.transcript.view import TranscriptView

LAYER = "watchwords"
STYLE = "transcript--watchword"


class WatchWords:
    """The saved watch-words, and drawing them on the transcript."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.words: list[str] = []

    def load(self) -> None:
        """Read the saved words; a broken file is a notification (and the
        file is left alone until the reader changes the list)."""
        try:
            self.words = load_watchwords()
        except WatchWordsError as error:
            self._warn(str(error))

    def add(self, word: str) -> bool:
        """Watch ``word`` from now on, in every document; False if it could not be saved."""
        word = " ".join(word.split())
        if not normalize([word]):
            self._warn("A watch-word must be a word or a short phrase.")
            return False
        return self._change(lambda: add_watchword(word), f"Watching “{word}” in every document.")

    def remove(self, word: str) -> bool:
        return self._change(lambda: remove_watchword(word), f"No longer watching “{word}”.")

    def _change(self, change, message: str) -> bool:
        try:
            self.words = change()
        except (WatchWordsError, OSError) as error:
            self._warn(f"Watch-words not saved: {error}")
            return False
        self.app.notify(message, title="Watch-words", markup=False)
        self.draw(self.app.transcript)  # type: ignore[attr-defined]
        return True

    def _warn(self, message: str) -> None:
        self.app.notify(message, title="Watch-words", severity="warning", markup=False)

    # --- drawing ----------------------------------------------------------------------

    def draw(self, view: TranscriptView) -> None:
        """Draw the words on the document the view shows (again: a new
        document comes with no spans)."""
        doc, words = view.document, list(self.words)
        if doc is None or not words:
            view.clear_spans(LAYER)
            return
        self.app.run_worker(
            lambda: self._find(view, doc, words), thread=True, group="watchwords", exclusive=True, exit_on_error=False
        )

    def _find(self, view: TranscriptView, doc: Document, words: list[str]) -> None:
        spans = [(s, e, STYLE) for s, e, _ in watchword_spans(doc, words)]
        if get_current_worker().is_cancelled:
            return
        try:
            self.app.call_from_thread(self._found, view, doc, words, spans)
        except RuntimeError:
            pass  # the app is closing

    def _found(self, view: TranscriptView, doc: Document, words: list[str], spans) -> None:
        if view.document is doc and words == self.words:
            view.set_spans(LAYER, spans)


def selected_text(app: App) -> str:
    """The text selected in the transcript: the reading cursor's selection
    (ReadingView), else the mouse's on the screen under any dialog (the
    palette has closed, or is closing, when a command runs)."""
    view = app.transcript  # type: ignore[attr-defined]
    span = view.selected_span() if hasattr(view, "selected_span") else None
    if span is not None and view.document is not None:
        return view.document.text[span[0] : span[1]]
    for screen in reversed(app.screen_stack):
        text = screen.get_selected_text()
        if text:
            return text
    return ""


def ask_watchword(app: App, watch: WatchWords) -> None:
    """Ask for a word to watch, the selected text (a word or phrase) offered."""
    selected = " ".join(selected_text(app).split())
    default = selected if normalize([selected]) else ""
    hint = "Highlighted in every document, in any script and case (软件 finds 軟件)."
    app.push_screen(Prompt("Add a watch-word", hint, default), lambda word: word and watch.add(word))
