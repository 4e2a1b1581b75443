"""Loading the app's documents: what is parsed when, and on which thread.

Nothing is parsed on the UI thread.  While the app starts (the terminal
takes a while to set up), a thread reads and parses the document to open
first — of a big one only its opening, for a preview — which also pays the
parser's first-use costs (its imports, the script detection's converters).
Then, in order:

1. **The list**, from the metadata cache (:mod:`reader.metacache`): every
   file whose size and modification time are the ones recorded shows its
   title, language, script, turns and speakers at once, before any parse;
   the others show their file name until they are parsed.
2. **The document to open** (the one read last, else the first): parsed
   first.  A big one (:mod:`reader.parse.prefix`: over ~256,000
   characters) is shown from a *preview* — its opening, parsed alone in a
   few tens of milliseconds — while the whole is parsed; the status bar
   says "loading 45%" meanwhile, and the whole document then replaces the
   preview where the reader is (the same text at the top of the screen,
   the cursor on the same character).
3. **A document the reader opens** that is not parsed yet is parsed at once
   in a worker of its own (a few milliseconds for a usual transcript), ahead
   of everything else, and opens when ready — with a preview if it is big.
4. **The rest**, in one background worker: first the files the cache knew
   nothing (or nothing current) about, so that the list is complete, then
   the others — searching every document (``F``) and finding versions to
   read side by side use every document; this waits until the first
   document is on screen.

The whole of a big document is parsed only once its preview has been
painted, and from ``OFFLOAD_BYTES`` on in a child process
(:mod:`reader.offload`): threads share one interpreter lock, and a parse of
a second or so running alongside would halve the UI's pace while the reader
pages through the preview.  What the panes compute from a document
(speakers, block widths, line estimates: reader.ui.memo) is computed in the
worker after the parse, so that showing it costs the UI thread less.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader import offload
from reader.load import LoadError, parse_decoded, read_text
from reader.metacache import Key, Meta, MetaCache, file_key, file_keys
from reader.model import Document
from reader.preview import Opening, file_size, is_big, map_joined_offset, read_opening, with_end
from reader.store.records import text_sha256
from reader.ui.documents.docinfo import (
    one_line,
    script_label,
    speaker_colors,
    speakers,
    turn_count,
)
from reader.ui.documents.doclist import DocumentList, make_entry
from reader.ui.transcript.layout import (
    block_cells,
    block_indices,
    boilerplate_runs,
    line_estimates,
)
from reader.ui.status import StatusBar
from reader.ui.transcript.view import TranscriptView

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

PAINT_WAIT = 1.0  # seconds the whole parse waits for the preview to be painted
BACKGROUND_WAIT = 3.0  # seconds the background parse waits for the first document to be painted
BACKGROUND_PAUSE = 0.5  # after each document the background worker pauses for this share of its parse time…
BACKGROUND_PAUSE_MAX = 0.02  # …up to this many seconds
BATCH_EVERY = 0.2  # seconds between hand-overs of documents parsed in the background
PROGRESS_EVERY = 0.25  # seconds between updates of "loading N%" (each is a frame to paint)
PROGRESS_SLACK = 1.3  # the whole parse is estimated from a part's pace, times this (the UI shares the CPU)
PACE_SAMPLE = 16_000  # characters parsed to measure the pace
# From this size on the whole is parsed in a child process (reader.offload):
# its ~0.1 s to start is less than what a parse this long (≥ 0.1 s) would
# take from the UI thread's share of the interpreter.
OFFLOAD_BYTES = 2_000_000
CHILD_START = 0.15  # seconds a child process takes to start and import the parser


@dataclass
class Preview:
    """A big document shown from its opening while the whole is parsed."""

    index: int
    doc: Document
    started: float  # perf_counter when the whole parse started (or was about to)
    expected: float  # seconds it is expected to take
    width: int  # the view's wrap width and folding when it was shown: the whole is
    fold: bool  # laid out for them in the worker (reader.ui.transcript.layout.line_estimates)
    initial: tuple | None = None  # where the preview put the reader: _where() (if they moved, they are put back)
    tail_at: int | None = None  # where the file's end starts in ``doc`` once added (reader.preview.join_preview)


class Loader:
    """The app's loading; the app calls :meth:`start`, :meth:`request`,
    :meth:`loaded`, :meth:`failed`, :meth:`opened` and :meth:`stop`."""

    def __init__(self, app: ReaderApp, early: offload.Child | None = None) -> None:
        self.app = app
        self._children: set[offload.Child] = set()  # parses in child processes, to stop when the app quits
        # The terminal takes a while to set up: meanwhile the document to
        # open first is read and parsed in a child process (``early``, if
        # `reader FILE` started it before importing the UI), which sends a
        # big one's opening, then its end, then the whole.  On the other
        # core: in a thread, the parser's first use (its imports, the script
        # detection's converters: ~0.1 s) would share the interpreter lock
        # with the UI setting up, and the first screen would wait for both.
        # A thread does it if no child process can be started.
        self._early: tuple[int, Future[Early] | offload.Child] | None = None
        if app.paths:
            first = app._first if app._first is not None and 0 <= app._first < len(app.paths) else 0
            path = app.paths[first]
            if early is None:
                try:
                    early = offload.Child(path, opening=True).start()
                except offload.OffloadError:
                    early = None
            if early is not None and early.path == path:
                self._children.add(early)
                self._early = (first, early)
            else:
                if early is not None:
                    early.stop()  # not the one to open (cannot happen from the CLI)
                future: Future[Early] = Future()
                threading.Thread(target=_head_start, args=(path, future), name="reader-head-start", daemon=True).start()
                self._early = (first, future)
        self.cache: MetaCache | None = None
        self.wanted: int | None = None  # to open as soon as it is parsed
        self._asked: int | None = None  # the last document the reader asked for (not the first one)
        self.preview: Preview | None = None
        self.known: dict[int, Meta] = {}  # what the cache told of each path, until it is parsed
        self._keys: list[Key | None] | None = None
        self._claimed: set[int] = set()  # being or been parsed, by whichever worker
        self._lock = threading.Lock()
        self._shown = threading.Event()  # the first document is on screen
        self._after_shown: list[Callable[[], object]] = []
        self._timer = None
        self._warned = False

    # --- the app's calls (UI thread) ------------------------------------------------

    def start(self, first: int | None) -> None:
        """Load every path of the app; open ``first``, else the first that loads."""
        paths = self.app.paths
        if not paths:
            self._first_shown()
            return
        self.wanted = first if first is not None and 0 <= first < len(paths) else 0
        self.app.run_worker(self._load_all, thread=True, group="load", exclusive=True)

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first document is on screen (or none
        will be): work that can wait should not delay that frame."""
        if self._shown.is_set():
            callback()
        else:
            self._after_shown.append(callback)

    def request(self, index: int) -> None:
        """The reader opens document ``index``, which is not parsed yet:
        parse it now, ahead of the others, and open it when it is."""
        if index in self.app.errors:
            self.app.notify(self.app.errors[index], title="Cannot open", severity="error", markup=False)
            return
        self.wanted = self._asked = index
        if self.preview is not None and self.preview.index != index:
            self._end_preview()
        # Parsed here and now; if another worker is parsing it already, it
        # opens when that one is done, and this one only makes its preview.
        self.app.run_worker(lambda: self._load_for_opening(index, None), thread=True, group="open")

    def loaded(self, index: int) -> None:
        """Document ``index`` has just been parsed (``app.documents`` has it)."""
        self.known.pop(index, None)
        if index == self.wanted or (self.wanted is None and self.app.current is None):
            self.wanted = None
            self._open(index)

    def failed(self, index: int) -> None:
        self.known.pop(index, None)
        if index == self.wanted:
            self.wanted = None  # open the next one that loads instead, if none is open
            if self.preview is not None and self.preview.index == index:
                self._end_preview()
            self._first_shown()  # nothing to wait for before parsing the rest

    def opened(self, index: int) -> None:
        """The app opens document ``index`` (parsed): nothing else is awaited."""
        self.wanted = None
        if self.preview is not None:
            self._end_preview()

    def stop(self) -> None:
        """The app is closing: keep what was learnt, end the parses under way."""
        for child in list(self._children):
            child.stop()
        if self.cache is not None:
            self.cache.save()

    def meta_shower(self, meta: Meta) -> Callable[[str], str]:
        return self.app._shower(meta)  # type: ignore[arg-type]  # a Meta has what the script mode needs

    # --- opening (UI thread) ---------------------------------------------------------

    def _open(self, index: int) -> None:
        app = self.app
        preview = self.preview if self.preview is not None and self.preview.index == index else None
        view = app.transcript
        where = _where(view) if preview is not None else None
        list_focused = isinstance(app.focused, DocumentList) and index == self._asked
        app.open_document(index)  # calls opened(): the preview is over
        if preview is not None and where is not None and where != preview.initial:
            self._restore(view, preview, where)
        if list_focused and app.current == index and app.documents[index] is not None:
            view.focus()  # Enter on the list opened it: read it
        if not self._shown.is_set():
            app.call_after_refresh(self._first_shown)

    def _restore(self, view: TranscriptView, preview: Preview, where: tuple) -> None:
        """Put the reader where they were in the preview, in the whole document."""
        doc = view.document
        if doc is None:
            return
        (top, rows), caret, at_end = where
        if at_end:  # End in the preview: the end of the document was meant
            view.action_bottom()
            return
        def mapped(offset: int) -> int:
            return map_joined_offset(preview.doc.text, preview.tail_at, doc.text, offset)

        top_in_whole = mapped(top)
        same_block = doc.text[top_in_whole : top_in_whole + 64] == preview.doc.text[top : top + 64]
        view.scroll_to_position(top_in_whole, rows if same_block else 0)  # a block laid out anew: its top
        move = getattr(view, "move_cursor", None)
        if caret is not None and move is not None:
            move(mapped(caret))

    def _add_end(self, index: int, path: Path, head: Document) -> None:
        """(Worker) Parse the end of a big file and add it to its preview
        after a note, so that End shows the real end at once (the way less
        and toolong seek to it) instead of waiting for the whole."""
        joined = with_end(path, head)
        if joined is not None:
            self._hand_over(self._show_end, index, head, *joined)

    def _show_end(self, index: int, head: Document, joined: Document, tail_at: int) -> None:
        preview, view = self.preview, self.app.transcript
        if preview is None or preview.index != index or preview.doc is not head or view.document is not head:
            return  # the reader moved on, or the whole came first
        where = _where(view)
        (top, rows), caret, at_end = where
        view.set_document(joined, speaker_colors(joined), lazy=True)
        preview.doc, preview.tail_at = joined, tail_at
        if at_end:  # End before the end was here: the end was meant
            view.action_bottom()
        else:  # the opening is the same text at the same offsets
            view.scroll_to_position(top, rows)
            move = getattr(view, "move_cursor", None)
            if caret is not None and move is not None:
                move(caret)
        if preview.initial == where:  # the reader has not moved: where they are now is where they were put
            preview.initial = _where(view)

    def _show_preview(self, index: int, doc: Document, total: int, pace: float, painted: threading.Event) -> None:
        """Show the preview of document ``index`` (``total`` characters in all;
        ``pace``: seconds per character of its parse)."""
        app = self.app
        if self.wanted != index or app.documents[index] is not None:
            painted.set()
            return
        if app.current is not None:  # the reader leaves a document for this one
            positions = getattr(app, "positions", None)
            if positions is not None:
                positions.leave()
            app.current = None
            from reader.ui.sidebar.panes import Sidebar

            app.query_one(Sidebar).set_document(None, {}, app.show_short)
        view = app.transcript
        view.set_reactive(TranscriptView.mode, app.script_modes.open(doc))
        view.set_document(doc, speaker_colors(doc), lazy=True)  # a preview: replaced soon
        app.query_one(DocumentList).highlighted = index
        app.sub_title = one_line(app.show_short(doc.title))
        expected = max(0.2, pace * total * PROGRESS_SLACK)
        self.preview = Preview(index, doc, time.perf_counter(), expected, view.wrap_width, view.fold_boilerplate)
        self.preview.initial = _where(view)  # now: a key may move the reader before the first paint
        self._progress()
        if self._timer is None:
            self._timer = app.set_interval(PROGRESS_EVERY, self._progress)

        def on_screen(tries: int = 0) -> None:
            # After a refresh, but the view may not have painted yet (its
            # own refresh can come after the screen's): then after the next.
            if view.document is doc and not view.painted and tries < 10:
                app.call_after_refresh(on_screen, tries + 1)
                return
            if self.preview is not None and self.preview.index == index:
                self.preview.started = time.perf_counter()  # the whole is parsed from now on
            painted.set()
            self._first_shown()

        app.call_after_refresh(on_screen)

    def _expect(self, index: int, seconds: float) -> None:
        if self.preview is not None and self.preview.index == index:
            self.preview.expected = max(0.2, seconds * PROGRESS_SLACK)

    def _progress(self) -> None:
        preview = self.preview
        status = self.app.query_one_optional(StatusBar)  # None while the app closes
        if preview is None or status is None:
            return
        share = (time.perf_counter() - preview.started) / preview.expected
        status.loading = f"loading {min(99, max(0, int(share * 100)))}%"
        self.app._update_status()

    def _end_preview(self) -> None:
        self.preview = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        status = self.app.query_one_optional(StatusBar)
        if status is not None and status.loading is not None:
            status.loading = None
            self.app._update_status()

    def _first_shown(self) -> None:
        if self._shown.is_set():
            return
        self._shown.set()
        callbacks, self._after_shown = self._after_shown, []
        for callback in callbacks:
            callback()

    def _show_known(self, known: dict[int, Meta]) -> None:
        """Fill the list from the cache (entries parsed meanwhile stay)."""
        app = self.app
        listing = app.query_one(DocumentList)
        for index, meta in known.items():
            if app.documents[index] is None and index not in app.errors:
                self.known[index] = meta
                names = [name for name, _ in meta.speakers]
                entry = make_entry(
                    meta.title, meta.language, script_label(meta), meta.turns, meta.damaged, names,  # type: ignore[arg-type]
                    source_format=meta.format, encoding=meta.encoding,
                )
                listing.set_entry(index, meta, entry, self.meta_shower(meta))

    # --- workers (threads) -------------------------------------------------------------

    def _load_all(self) -> None:
        """The background worker: the cache, the document to open, the rest."""
        worker = get_current_worker()
        paths = self.app.paths
        keys = self._keys = file_keys(paths)
        cache = MetaCache.load()
        self.cache = cache
        known = {i: meta for i, path in enumerate(paths) if (meta := cache.get(keys[i], path)) is not None}
        if known and not self._hand_over(self._show_known, known):
            return
        wanted = self.wanted
        if wanted is not None and not self._load_for_opening(wanted, keys[wanted]):
            return
        self._shown.wait(BACKGROUND_WAIT)  # the first screen before the rest
        stale = [i for i in range(len(paths)) if i not in known]
        batch: list[tuple[Callable, int, object]] = []
        flushed = time.perf_counter()
        for group in (stale, list(known)):
            for index in group:
                started = time.perf_counter()
                if worker.is_cancelled:
                    return
                result = self._parse_one(index, keys[index])
                if result is not None:
                    batch.append(result)
                # The list redraws once per batch, not once per document (a
                # redraw of a list of 1,000 costs more than a parse), except
                # for the one the reader is waiting for.
                now = time.perf_counter()
                if batch and (now - flushed >= BATCH_EVERY or index == self.wanted):
                    if not self._hand_over(self._deliver_batch, batch):
                        return
                    batch, flushed = [], time.perf_counter()
                # Threads share one interpreter: pausing between documents
                # leaves the UI thread free to answer keys at once.
                time.sleep(min(BACKGROUND_PAUSE_MAX, (now - started) * BACKGROUND_PAUSE))
            if batch and not self._hand_over(self._deliver_batch, batch):
                return
            batch = []
            self._save()
        self._hand_over(self._all_done)

    def _deliver_batch(self, batch: list[tuple[Callable, int, object]]) -> None:
        for callback, index, result in batch:
            callback(index, result)

    def _all_done(self) -> None:
        self._first_shown()
        self.app._all_loaded()

    def _claim(self, index: int) -> bool:
        with self._lock:
            if index in self._claimed:
                return False
            self._claimed.add(index)
            return True

    def _parse_one(self, index: int, key: Key | None) -> tuple[Callable, int, object] | None:
        """Parse document ``index`` unless another worker has: what to hand
        the app, (its ``_loaded`` or ``_failed``, index, document or message)."""
        if not self._claim(index):
            return None
        path = self.app.paths[index]
        try:
            doc = WholeParse(path, self._children).result()
            self._prepare(doc)  # the reader may be waiting for this one (see _load_for_opening)
        except Exception as error:  # noqa: BLE001 — one bad file costs its entry, not the app
            return self.app._failed, index, _problem(path, error)
        if self.cache is not None:
            self.cache.put(key, doc)
        return self.app._loaded, index, doc

    def _load_for_opening(self, index: int, key: Key | None) -> bool:
        """Parse document ``index`` to open it, through a preview if it is big.

        If another worker is parsing it already, only the preview is made
        here: the other one delivers the whole."""
        mine = self._claim(index)
        path = self.app.paths[index]
        if not mine and not is_big(path):
            return True
        if key is None:
            key = file_key(path)
        early = self._take_early(index)
        if isinstance(early, offload.Child):
            return self._open_streamed(index, key, early, mine)
        try:
            if early is None:
                early = _first_look(path) if self.app.documents[index] is None else Early()
            doc = early.whole
            opening = early.opening if self.wanted == index else None
            if opening is not None and not self._preview(index, opening):
                return False
            if not mine:
                return True
            if doc is None:
                whole = WholeParse(path, self._children)  # a child process parses a big one meanwhile
                if opening is not None:
                    self._add_end(index, path, opening.doc)
                    self._hand_over(self._expect, index, opening.seconds + whole.start_seconds)
                doc = whole.result()
            self._prepare(doc)
        except Exception as error:  # noqa: BLE001 — as in _parse_one
            return self._hand_over(self.app._failed, index, _problem(path, error)) if mine else True
        return self._deliver(index, key, doc)

    def _open_streamed(self, index: int, key: Key | None, child: offload.Child, mine: bool) -> bool:
        """Open document ``index`` from what a child process sends of it (see
        reader.offload): its opening, its end, then the whole."""
        path = self.app.paths[index]
        try:
            kind, *rest = child.next()
            if kind == "opening":
                opening = rest[0]
                if self.wanted == index and not self._preview(index, opening):
                    child.stop()
                    return False
                if not mine:
                    child.stop()  # another worker delivers the whole
                    return True
                kind, *rest = child.next()
                if kind == "joined":
                    self._hand_over(self._show_end, index, opening.doc, *rest)
                    kind, *rest = child.next()
            doc = rest[0]
        except offload.OffloadError:
            if child.stopped or not mine:
                return not child.stopped
            doc = None  # parsed here instead, below
        except LoadError as error:
            return self._hand_over(self.app._failed, index, str(error)) if mine else True
        finally:
            self._children.discard(child)
        if not mine:
            return True
        try:
            if doc is None:
                doc = parse_decoded(read_text(path), path)
            self._prepare(doc)
        except Exception as error:  # noqa: BLE001 — as in _parse_one
            return self._hand_over(self.app._failed, index, _problem(path, error))
        return self._deliver(index, key, doc)

    def _preview(self, index: int, opening: Opening) -> bool:
        """Show ``opening`` and wait until it is painted; False once the app is closing."""
        painted = threading.Event()
        pace = opening.seconds / max(1, opening.total)
        if not self._hand_over(self._show_preview, index, opening.doc, opening.total, pace, painted):
            return False
        painted.wait(PAINT_WAIT)
        return True

    def _take_early(self, index: int) -> Early | offload.Child | None:
        """What the head start made of document ``index``, once (None: it
        made nothing of it, or failed: then do it again, and report why)."""
        early, self._early = self._early, None
        if early is None or early[0] != index:
            if early is not None and isinstance(early[1], offload.Child):
                early[1].stop()
                self._children.discard(early[1])
            return None
        if isinstance(early[1], offload.Child):
            return early[1]
        try:
            return early[1].result(timeout=30)
        except Exception:  # noqa: BLE001 — found again, and reported, by the caller
            return None

    def _prepare(self, doc: Document) -> None:
        """Compute here what showing ``doc`` asks of it (reader.ui.memo), not on the UI thread."""
        if len(doc.blocks) < 2_000:
            return  # cheap enough where it is needed
        speakers(doc)
        turn_count(doc)
        text_sha256(doc.text)  # the highlight store's key of the document
        block_indices(doc)
        cells, folds = block_cells(doc), boilerplate_runs(doc)
        preview = self.preview
        if preview is not None and preview.doc.path == doc.path:
            line_estimates(doc, preview.width, preview.fold, folds, cells)

    def _deliver(self, index: int, key: Key | None, doc: Document) -> bool:
        if self.cache is not None:
            self.cache.put(key, doc)
        return self._hand_over(self.app._loaded, index, doc)

    def _save(self) -> None:
        cache = self.cache
        error = cache.save() if cache is not None else None
        if error and not self._warned:
            self._warned = True
            self._hand_over(self.app.notify, error, title="Cache", severity="warning")

    def _hand_over(self, callback, *args, **kwargs) -> bool:
        """Run ``callback`` on the UI thread; False once the app is closing."""
        try:
            self.app.call_from_thread(callback, *args, **kwargs)
        except RuntimeError:  # the app stopped meanwhile
            return False
        return True


def _where(view: TranscriptView) -> tuple:
    """(top position, cursor offset, at the end) of ``view``, to compare and restore."""
    doc = view.document
    top = view.top_position() or ((doc.blocks[0].start if doc and doc.blocks else 0), 0)
    caret = getattr(getattr(view, "caret", None), "position", None)
    at_end = view.max_scroll_y > 0 and view.scroll_y >= view.max_scroll_y
    return top, caret, at_end


@dataclass
class Early:
    """What the head start made of a file: the whole document (a usual
    file), or its opening (a big one); neither if it could not (the whole
    is parsed then, and says what is wrong)."""

    whole: Document | None = None
    opening: Opening | None = None


def _head_start(path: Path, future: Future[Early]) -> None:
    try:
        future.set_result(_first_look(path))
    except BaseException as error:  # noqa: BLE001 — handed to the loader, which reports it
        future.set_exception(error)


def _first_look(path: Path) -> Early:
    """A usual file parsed whole; a big one's opening parsed as a preview
    (reading only its first MiB: reading 10 MB would cost the first screen)."""
    if not is_big(path):
        return Early(whole=parse_decoded(read_text(path), path))
    try:
        return Early(opening=read_opening(path))
    except Exception:  # noqa: BLE001 — no preview, then: the whole parse says what is wrong
        return Early()


class WholeParse:
    """The whole of ``path``, parsed as reader.load.load_document parses it:
    a big file in a child process (reader.offload), started at once; in this
    thread if that fails, or for a smaller file, when asked for."""

    def __init__(self, path: Path, children: set[offload.Child]) -> None:
        self.path = path
        self._children = children
        self._child: offload.Child | None = None
        self.start_seconds = 0.0  # of the child, before it parses
        if file_size(path) >= OFFLOAD_BYTES:
            child = offload.Child(path)
            try:
                child.start()
            except offload.OffloadError:
                return
            children.add(child)
            self._child = child
            self.start_seconds = CHILD_START

    def result(self) -> Document:
        child = self._child
        if child is not None:
            try:
                return child.run()
            except offload.OffloadError:
                if child.stopped:
                    raise  # the app is closing: do not parse it here instead
            finally:
                self._children.discard(child)
        return parse_decoded(read_text(self.path), self.path)


def _problem(path: Path, error: Exception) -> str:
    if isinstance(error, LoadError):
        return str(error)
    return f"{path}: could not be read ({type(error).__name__})"  # a parser bug must cost one entry, not the app
