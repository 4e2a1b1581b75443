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
from textual.worker import get_current_worker

from reader.load import LoadError, expand_paths, load_document
from reader.model import Document
from reader.resources import bundled_documents, styles_dir
from reader.sanitize import sanitize
from reader.ui import script
from reader.ui.commands import ReaderCommands
from reader.ui.docinfo import one_line, speaker_colors
from reader.ui.doclist import DocumentList
from reader.ui.help import HelpScreen, help_groups
from reader.ui.notices import load_notice
from reader.ui.scriptmode import ScriptModes
from reader.ui.sidebar import Outline, Sidebar
from reader.ui.status import StatusBar
from reader.ui.transcript import TranscriptView

STYLESHEETS = ("app.tcss", "transcript.tcss", "doclist.tcss", "sidebar.tcss", "help.tcss")

PANE_NAMES = {"documents": "Document list", "outline": "Outline"}

SAVE_DELAY = 0.5  # seconds: settings are written once the choosing is over


class ReaderApp(App[None]):
    """Read interview transcripts: documents, transcript, outline and speakers."""

    TITLE = "reader"
    CSS_PATH = [styles_dir() / name for name in STYLESHEETS]
    COMMANDS = App.COMMANDS | {ReaderCommands}
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
        Binding("d", "toggle_documents", "Documents", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.documents: list[Document | None] = [None] * len(paths)
        self.errors: dict[int, str] = {}
        self.current: int | None = None
        self.script_modes = ScriptModes()
        # Published with the new mode's name; panes that show document text
        # (through script.display) subscribe to redraw.
        self.script_changed: Signal[str] = Signal(self, "script-changed")
        self._save_timer = None

    # --- building -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield DocumentList(id="documents")
            yield TranscriptView(id="transcript")
            yield Sidebar(id="sidebar")
        yield StatusBar()
        yield Footer()

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    def on_mount(self) -> None:
        self.query_one(DocumentList).set_paths(self.paths)
        self.transcript.placeholder = "Loading…" if self.paths else "No transcripts to show."
        self.transcript.focus()
        self._update_status()
        if self.script_modes.warning:
            self.notify(self.script_modes.warning, title="Settings", severity="warning", markup=False)
        self.preload_converters()
        if self.paths:
            self.load_documents()
        else:
            self.notify("No transcript files were found.", severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.script_modes.save()  # a change made just before quitting

    @work(thread=True, group="convert")
    def preload_converters(self) -> None:
        """Build every mode's converter now (up to 70 ms each), so that the
        first switch to a mode costs only its conversion."""
        for mode in script.modes():
            if mode.config:
                script.preload(mode.config)

    # --- loading ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_documents(self) -> None:
        """Parse every path off the main thread; the list fills as they come."""
        worker = get_current_worker()
        for index, path in enumerate(self.paths):
            if worker.is_cancelled:
                return
            try:
                doc = load_document(path)
            except LoadError as error:
                result = (self._failed, index, str(error))
            except Exception as error:  # a parser bug must cost one entry, not the app
                result = (self._failed, index, f"{path}: could not be read ({type(error).__name__})")
            else:
                result = (self._loaded, index, doc)
            if not self._hand_over(*result):
                return
        self._hand_over(self._all_loaded)

    def _hand_over(self, callback, *args) -> bool:
        """Run ``callback`` on the UI thread; False once the app is closing."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app stopped while we were parsing
            return False
        return True

    def _loaded(self, index: int, doc: Document) -> None:
        self.documents[index] = doc
        self.query_one(DocumentList).set_loaded(index, doc, self._shower(doc))
        notice = load_notice(doc)
        if notice:
            self.notify(notice, title="Opened with a problem", severity="warning")
        if self.current is None:
            self.open_document(index)

    def _failed(self, index: int, message: str) -> None:
        self.errors[index] = message
        self.query_one(DocumentList).set_failed(index, self.paths[index], message)
        self.notify(message, title="Cannot open", severity="error", markup=False)

    def _all_loaded(self) -> None:
        if self.current is None:
            self.transcript.placeholder = "No document could be opened."
            self.transcript.refresh()

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
            message = self.errors.get(index, "still loading")
            self.notify(message, title="Cannot open", severity="error", markup=False)
            return
        self.current = index
        colors = speaker_colors(doc)
        # The document's own mode, set without the watcher: it lays out once.
        self.transcript.set_reactive(TranscriptView.mode, self.script_modes.open(doc))
        self.transcript.set_document(doc, colors)
        self.query_one(Sidebar).set_document(doc, colors, self.show_short)
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
    def _moved(self) -> None:
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


def run_app(paths: list[str]) -> int:
    """Run the reader on ``paths`` (files or folders; none: the bundled corpus)."""
    files = expand_paths(paths) if paths else bundled_documents()
    ReaderApp(files).run()
    return 0
