"""The reader application: three panes, key bindings and loading."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.signal import Signal
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList

from reader import offload
from reader.load import expand_paths
from reader.model import Document
from reader.resources import bundled_documents, styles_dir
from reader.sanitize import sanitize
from reader.ui.annotate.highlights import HighlightController
from reader.ui.beside.actions import BesideActions
from reader.ui.beside.commands import BesideCommands
from reader.ui.commands import ReaderCommands
from reader.ui.documents.docinfo import one_line, speaker_colors
from reader.ui.documents.doclist import DocumentList
from reader.ui.find.bar import FindBar
from reader.ui.find.corpus import open_corpus_search
from reader.ui.find.watchwords import WatchWords, ask_watchword
from reader.ui.help import HelpScreen, help_groups
from reader.ui.loader import Loader
from reader.ui.notices import Notices
from reader.ui.positions import ReadingPositions
from reader.ui.script import display as script
from reader.ui.script.modes import ScriptModes
from reader.ui.sidebar.keywords import KeywordsPanel, set_keyword_count, toggle_keywords
from reader.ui.sidebar.panes import Outline, Sidebar
from reader.ui.status import StatusBar
from reader.ui.transcript.reading import ReadingView
from reader.ui.transcript.view import TranscriptView

STYLESHEETS = ("app.tcss", "transcript.tcss", "doclist.tcss", "sidebar.tcss", "help.tcss", "highlights.tcss", "find.tcss", "keywords.tcss", "search.tcss", "beside.tcss")

PANE_NAMES = {
    "documents": "Document list",
    "outline": "Outline",
    "keywords": "Keywords",
    "beside": "Beside (the other version)",
    "highlight-list": "Highlights",
    "orphan-list": "Orphaned highlights",
}

SAVE_DELAY = 0.5  # seconds: settings are written once the choosing is over


PRELOAD_AFTER = 1.0  # seconds after every document is loaded: the script converters are built


class ReaderApp(BesideActions, App[None]):
    """Read interview transcripts: documents, transcript, outline and speakers."""

    TITLE = "reader"
    CSS_PATH = [styles_dir() / name for name in STYLESHEETS]
    COMMANDS = App.COMMANDS | {ReaderCommands, BesideCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]

    BINDINGS = [
        Binding("right_square_bracket", "next_turn", "Next turn", key_display="]"),
        Binding("left_square_bracket", "previous_turn", "Prev turn", key_display="["),
        Binding("right_curly_bracket", "next_heading", "Next heading", key_display="}"),
        Binding("left_curly_bracket", "previous_heading", "Prev heading", key_display="{", show=False),
        Binding("c", "cycle_script", "Script"),
        Binding("C", "pin_script", "Pin script to document", show=False),
        Binding("z", "toggle_boilerplate", "Boilerplate"),
        Binding("s", "toggle_sidebar", "Sidebar", show=False),
        Binding("D", "toggle_documents", "Documents", show=False),  # d deletes a highlight
        Binding("slash", "find", "Find", key_display="/"),
        Binding("n", "find_next", "Next hit", show=False),
        Binding("N", "find_previous", "Previous hit", show=False),
        Binding("F", "search_all", "Search all documents", show=False),
        Binding("K", "toggle_keywords", "Keywords on/off", show=False),
        Binding("plus,equals_sign", "more_keywords", "More keywords", key_display="+", show=False),
        Binding("minus", "fewer_keywords", "Fewer keywords", key_display="-", show=False),
        Binding("B", "beside", "Beside"),
        Binding("Y", "copy_both", "Copy both"),
        Binding("escape", "close_beside", "Close beside", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, paths: list[Path], early: offload.Child | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.documents: list[Document | None] = [None] * len(paths)
        self.errors: dict[int, str] = {}
        self.current: int | None = None
        self.script_modes = ScriptModes()
        self.notices = Notices()
        # Published with the new mode's name; panes that show document text
        # (through script.display) subscribe to redraw.
        self.script_changed: Signal[str] = Signal(self, "script-changed")
        self._save_timer = None
        self.highlights = HighlightController(self)
        self.positions = ReadingPositions(self.script_modes.settings)
        self._first = self.positions.last_index(self.paths)  # the document to open first: the last one read
        self.watchwords = WatchWords(self)
        self.loader = Loader(self, early)  # starts reading that one

    # --- building -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield DocumentList(id="documents")
            yield ReadingView(id="transcript")
            yield Sidebar(id="sidebar")
        yield FindBar()
        yield StatusBar()
        yield Footer()

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one("#transcript", TranscriptView)  # not the pane beside it

    def on_mount(self) -> None:
        self.query_one(DocumentList).set_paths(self.paths)
        self.transcript.placeholder = "Loading…" if self.paths else "No transcripts to show."
        self.transcript.focus()
        self._update_status()
        if self.script_modes.warning:
            self.notify(self.script_modes.warning, title="Settings", severity="warning", markup=False)
        self.highlights.start()
        self._restore_choices()  # before a document is shown
        # Highlights made while reading beside mark the other version at once.
        self.highlights.changed.subscribe(self, lambda _: self.refresh_counterpart_highlights())
        self.positions.attach(self.query_one("#transcript", ReadingView))
        self.watchwords.load()
        if self.paths:
            self.loader.start(self._first)
        else:
            self.notify("No transcript files were found.", severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.loader.stop()
        self.script_modes.save()  # a change made just before quitting
        self.positions.leave()
        self.positions.save()
        self.highlights.stop()

    @work(thread=True, group="convert")
    def preload_converters(self) -> None:
        """Build every mode's converter now (up to 45 ms each), so that the
        first switch to a mode costs only its conversion (until then, a
        switch builds the one it needs)."""
        for mode in script.modes():
            if mode.config:
                script.preload(mode.config)

    # --- loading ------------------------------------------------------------------

    # Which documents are parsed when, and on which thread (the metadata
    # cache, a preview of a big file, opening one ahead of the rest):
    # reader/ui/loader.py.  It hands each result to _loaded or _failed.

    def _loaded(self, index: int, doc: Document) -> None:
        self.documents[index] = doc
        self.query_one(DocumentList).set_loaded(index, doc, self._shower(doc))
        self.loader.loaded(index)  # opens it if it is the one awaited

    def _failed(self, index: int, message: str) -> None:
        self.errors[index] = message
        self.loader.failed(index)  # the next one that loads opens instead, if it was awaited
        self.query_one(DocumentList).set_failed(index, self.paths[index], message)
        self.notify(message, title="Cannot open", severity="error", markup=False)

    def _all_loaded(self) -> None:
        # Only now: OpenCC holds the interpreter lock while it builds a
        # converter (up to 45 ms each), which would stall the first screens.
        self.set_timer(PRELOAD_AFTER, self.preload_converters)
        if self.current is None:
            self.transcript.placeholder = "No document could be opened."
            self.transcript.refresh()
        self.find_pairs()

    def loaded_documents(self) -> list[tuple[int, Document]]:
        return [(i, d) for i, d in enumerate(self.documents) if d is not None]

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=False) -> None:
        """Textual's notify, made safe for file names and document text: its
        control characters are shown, not sent to the terminal (Content only
        drops BEL, BS, VT, FF and CR; ESC would pass), and the message is not
        markup unless a caller asks for it with ``markup=True``."""
        super().notify(sanitize(message), title=sanitize(title), severity=severity, timeout=timeout, markup=markup)

    # --- opening and showing ------------------------------------------------------------

    def open_document(self, index: int) -> None:
        doc = self.documents[index]
        if doc is None:
            self.loader.request(index)  # parsed now, ahead of the rest; it opens when ready
            return
        self.loader.opened(index)
        if self.current is not None:
            self.positions.leave()
        self.current = index
        colors = speaker_colors(doc)
        # The document's own mode, set without the watcher: it lays out once.
        self.transcript.set_reactive(TranscriptView.mode, self.script_modes.open(doc))
        self.transcript.set_document(doc, colors)
        if notice := self.notices.first_time(index, doc):  # empty or damaged: say so once
            self.notify(notice, title="Opened with a problem", severity="warning")
        self.positions.enter()
        self.query_one(Sidebar).set_document(doc, colors, self.show_short)
        self.watchwords.draw(self.transcript)  # a new document comes with no spans
        self.query_one(FindBar).document_changed()
        self.query_one(DocumentList).highlighted = index
        self.sub_title = one_line(self.show_short(doc.title))
        self._update_status()

    def show_short(self, text: str) -> str:
        """A heading or name as the transcript shows it (script mode applied)."""
        return script.display(self, text)

    def _shower(self, doc: Document):
        return lambda text: script.display(self, text, doc)

    def set_mode(self, name: str) -> None:
        """Show the open document (and the others, unless it is pinned) in ``name``."""
        self.script_modes.choose(name)
        self._mode_changed()

    def _mode_changed(self) -> None:
        """Paint the transcript in the mode in force now; the other panes
        follow after that frame (the outline of a 10 MB file takes 30 ms)."""
        self.transcript.mode = self.script_modes.current
        doc = self.transcript.document
        self.sub_title = one_line(self.show_short(doc.title)) if doc else ""
        self._update_status()
        self.call_after_refresh(self._redraw_panes)
        self.script_changed.publish(self.transcript.mode)
        self._save_soon()

    def _restore_choices(self) -> None:
        """The keyword layer and the quote form as the reader left them."""
        settings = self.script_modes.settings
        self.query_one(KeywordsPanel).restore(settings.keywords_shown, settings.keyword_count)
        self.highlights.quote_style = settings.quote_style
        self.highlights.original_script = settings.quote_original_script

    def remember(self, **choices: object) -> None:
        """Keep choices (fields of reader.settings.Settings) for the next
        session: written a moment later, and when the app exits."""
        settings = self.script_modes.settings
        for name, value in choices.items():
            if not hasattr(settings, name):
                raise AttributeError(f"no setting named {name!r}")
            setattr(settings, name, value)
        self.script_modes.dirty = True  # its save writes the whole (shared) Settings
        self._save_soon()

    def _save_soon(self) -> None:
        """Write the settings once the choosing is over (SAVE_DELAY)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_settings)

    def _redraw_panes(self) -> None:
        doc = self.transcript.document
        if doc is not None:
            self.query_one(Sidebar).set_document(doc, self.transcript.speaker_colors, self.show_short)
        self.query_one(DocumentList).show_titles(self._shower)

    def _save_settings(self) -> None:
        error = self.script_modes.save()
        if error:
            self.notify(error, title="Settings", severity="warning", markup=False)

    def transcript_jump(self, block: int) -> None:
        self.transcript.jump_to_block(block)
        self.transcript.focus()

    def _update_status(self) -> None:
        view = self.transcript
        doc = view.document
        turn, turns = view.turn_position
        self.query_one(StatusBar).show(
            self.show_short(doc.title) if doc else "no document",
            script.mode_named(view.mode).label,
            self.script_modes.note(),
            turn,
            turns,
            view.percent,
        )

    @on(TranscriptView.Moved)
    def _moved(self, event: TranscriptView.Moved) -> None:
        self.beside_moved(event.view)
        self._update_status()
        self.query_one(Outline).mark(self.transcript.current_heading)

    @on(OptionList.OptionSelected, "#documents")
    def _document_chosen(self, event: OptionList.OptionSelected) -> None:
        self.open_document(event.option_index)
        if self.documents[event.option_index] is not None:
            self.transcript.focus()

    @on(OptionList.OptionSelected, "#outline")
    def _heading_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.transcript_jump(int(event.option.id))

    # --- actions --------------------------------------------------------------------

    def action_next_turn(self) -> None:
        self.transcript.next_turn()

    def action_previous_turn(self) -> None:
        self.transcript.previous_turn()

    def action_next_heading(self) -> None:
        self.transcript.next_heading()

    def action_previous_heading(self) -> None:
        self.transcript.previous_heading()

    def action_cycle_script(self) -> None:
        self.set_mode(script.next_mode(self.transcript.mode).name)

    def action_pin_script(self) -> None:
        """Pin the open document to the mode it is shown in, or unpin it."""
        modes = self.script_modes
        if modes.document is None:
            return
        label = script.mode_named(modes.current).label
        if modes.pinned:
            modes.unpin()
            message = f"This document follows the global script again ({script.mode_named(modes.current).label})."
        else:
            modes.pin()
            message = f"This document is now always shown in {label}."
        self.notify(message, title="Script", markup=False)
        self._mode_changed()

    def action_toggle_boilerplate(self) -> None:
        view = self.transcript
        view.fold_boilerplate = not view.fold_boilerplate

    # Finding, corpus search, keywords, watch-words: reader/ui/find/ (bar.py,
    # corpus.py, watchwords.py) and reader/ui/sidebar/keywords.py.

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    def action_find_next(self) -> None:
        self.query_one(FindBar).step(True)

    def action_find_previous(self) -> None:
        self.query_one(FindBar).step(False)

    def action_search_all(self) -> None:
        open_corpus_search(self)

    def action_toggle_keywords(self) -> None:
        toggle_keywords(self)

    def action_more_keywords(self) -> None:
        set_keyword_count(self, delta=1)

    def action_fewer_keywords(self) -> None:
        set_keyword_count(self, delta=-1)

    def action_add_watchword(self) -> None:
        ask_watchword(self, self.watchwords)

    def action_toggle_sidebar(self) -> None:
        self._toggle(self.query_one(Sidebar))

    def action_toggle_documents(self) -> None:
        self._toggle(self.query_one(DocumentList))

    def _toggle(self, pane: Widget) -> None:
        pane.display = not pane.display
        focused = self.focused
        if not pane.display and focused is not None and (focused is pane or pane in focused.ancestors):
            self.transcript.focus()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections: list[tuple[str, Widget | App]] = [
            ("Global", self),
            ("Focus and copy", self.screen),
            ("Reading (transcript)", self.transcript),
        ]
        focused = self.focused
        if focused is not None and focused is not self.transcript:
            sections.append((PANE_NAMES.get(focused.id or "", type(focused).__name__), focused))
        self.push_screen(HelpScreen(help_groups(self, sections)))


def run_app(paths: list[str], early: offload.Child | None = None) -> int:
    """Run the reader on ``paths`` (files or folders; none: the bundled
    corpus); ``early``: a child process parsing one of them already."""
    files = expand_paths(paths) if paths else bundled_documents()
    ReaderApp(files, early=early).run()
    return 0
