"""Loading as a user notices it (reader.ui.loader): the list from the cache
at once, a document opened ahead of the queue, a big file readable before
it is parsed.  Parsing is slowed or held back here (monkeypatch) so that
what is asserted happens *while* the loader is busy, whatever the machine."""

from __future__ import annotations

import re
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

from reader import offload
from reader.load import expand_paths, load_document
from reader.ui import loader
from reader.ui.app import ReaderApp
from reader.ui.documents.doclist import DocumentList
from reader.ui.loader import Loader
from reader.ui.status import StatusBar
from reader.ui.transcript.view import TranscriptView

SIZE = (120, 40)


def screen_lines(view: TranscriptView) -> list[str]:
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)]


def screen_text(view: TranscriptView) -> str:
    return "\n".join(screen_lines(view))


def status(app: ReaderApp) -> str:
    return str(app.query_one(StatusBar).render())


def option_texts(app: ReaderApp) -> list[str]:
    return [str(option.prompt) for option in app.query_one(DocumentList).options]


async def until(pilot, condition, timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        await pilot.pause(0.02)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def make_folder(folder: Path, count: int) -> list[Path]:
    """``count`` small transcripts, each with its own title and speakers."""
    folder.mkdir()
    for n in range(1, count + 1):
        turns = "\n\n".join(
            f"{'Ada' if t % 2 else f'Guest {n}'}: In episode {n}, answer {t} goes on about topic {n * t}." for t in range(n % 5 + 4)
        )
        (folder / f"talk-{n:04d}.txt").write_text(f"Episode {n} of the show\n\n{turns}\n", encoding="utf-8")
    return expand_paths([folder])


BIG_TURNS = 24_000


def make_big(path: Path) -> Path:
    """A transcript of ~2.5 MB: far bigger than a preview."""
    turns = (
        f"{'Host' if i % 2 == 0 else 'Guest'}: Turn number {i} says something about item {i}, "
        f"and then a little more so that the line is long enough to wrap now and then."
        for i in range(BIG_TURNS)
    )
    path.write_text("The big conversation\n\n" + "\n\n".join(turns) + "\n", encoding="utf-8")
    return path


class Gate:
    """Holds every whole-document parse (of ``only``, if given) until opened:
    in this process (reader.ui.loader.WholeParse) and the whole a child
    process sends (reader.offload.Child) alike."""

    def __init__(self, monkeypatch, only: Path | None = None) -> None:
        self.open = threading.Event()
        self.waiting: list[Path] = []
        real_result, real_next = loader.WholeParse.result, offload.Child.next

        def hold(path: Path) -> None:
            if only is None or path == only:
                self.waiting.append(path)
                self.open.wait(30)

        def result(whole):
            hold(whole.path)
            return real_result(whole)

        def next_result(child):
            found = real_next(child)
            if found[0] == "whole":
                hold(child.path)
            return found

        monkeypatch.setattr(loader.WholeParse, "result", result)
        monkeypatch.setattr(offload.Child, "next", next_result)


@asynccontextmanager
async def reading_a_big_file(tmp_path: Path, monkeypatch):
    """The app on a big file, its whole held back by a Gate, once the
    preview's first turn is on screen: (app, pilot, gate, path)."""
    big = make_big(tmp_path / "big.txt")
    gate = Gate(monkeypatch)
    app = ReaderApp([big])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Turn number 0 says" in screen_text(app.transcript), what="the first turn")
        yield app, pilot, gate, big


# --- the list ------------------------------------------------------------------------


async def test_a_second_start_lists_every_document_from_the_cache_before_any_parse(tmp_path, monkeypatch):
    paths = make_folder(tmp_path / "talks", 30)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # every document parsed: the cache knows them all
    docs = [load_document(path) for path in paths]

    gate = Gate(monkeypatch)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all("turn" in text for text in option_texts(app)), what="the list from the cache")
        # Only the document to open may be parsed yet: it is read as the app starts.
        assert all(doc is None for doc in app.documents[1:]), "nothing else is parsed yet"
        for doc, text in zip(docs, option_texts(app), strict=True):
            turns = sum(1 for b in doc.blocks if b.kind == "turn")
            assert text.startswith(doc.title)
            assert f"{turns} turns" in text
            assert doc.speakers[0].name in text
        gate.open.set()
        await settle(pilot)
        assert all(doc is not None for doc in app.documents)


async def test_a_changed_file_is_parsed_again_and_listed_anew(tmp_path):
    paths = make_folder(tmp_path / "talks", 5)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    paths[3].write_text("A new title\n\nZoe: one.\n\nMax: two.\n\nZoe: three.\n\nMax: four.\n", encoding="utf-8")
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = option_texts(app)[3]
        assert text.startswith("A new title") and "4 turns" in text and "Zoe, Max" in text


# --- opening ahead of the queue ------------------------------------------------------------


async def test_a_document_the_loader_has_not_reached_opens_at_once(tmp_path, monkeypatch):
    paths = make_folder(tmp_path / "talks", 200)
    background = Loader._parse_one

    def slowly(self, index, key):  # the background parse of the others: 10 s for all
        time.sleep(0.05)
        return background(self, index, key)

    monkeypatch.setattr(Loader, "_parse_one", slowly)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        view = app.transcript
        await until(pilot, lambda: view.document is not None, what="the first document")
        target = 150
        assert app.documents[target] is None
        listing = app.query_one(DocumentList)
        listing.focus()
        listing.highlighted = target
        await pilot.press("enter")
        await until(
            pilot, lambda: view.document is not None and view.document.path == paths[target], timeout=5, what="document 151"
        )
        await pilot.pause()
        assert "In episode 151, answer" in screen_text(view)
        assert "Episode 151 of the show" in status(app)
        assert app.focused is view
        assert sum(doc is None for doc in app.documents) > 100, "the others are still being loaded"


async def test_opening_a_document_that_cannot_be_read_says_why(tmp_path):
    paths = make_folder(tmp_path / "talks", 3)
    paths[1].write_bytes(b"\x00\x01\x02" * 100)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_document(1)
        await pilot.pause()
        assert app.transcript.document.path == paths[0]
        assert any("binary" in str(n.message) for n in app._notifications)


# --- a big file -----------------------------------------------------------------------------


async def test_a_big_file_is_readable_before_it_is_parsed_and_stays_put_when_it_is(tmp_path, monkeypatch):
    async with reading_a_big_file(tmp_path, monkeypatch) as (app, pilot, gate, big):
        view = app.transcript
        await until(pilot, lambda: gate.waiting == [big], what="the whole parse to start")
        assert app.documents[0] is None, "the whole is still being parsed"
        assert re.search(r"loading \d+%", status(app))
        preview = view.document
        assert preview is not None and len(preview.blocks) < BIG_TURNS // 10

        await pilot.press("pagedown", "pagedown", "pagedown", "j", "j", "right_square_bracket")
        await pilot.pause()
        before = screen_lines(view)
        assert "Turn number 0 says" not in "\n".join(before)

        gate.open.set()
        await until(pilot, lambda: app.documents[0] is not None and view.document is app.documents[0], what="the whole")
        await pilot.pause()
        assert len(view.document.blocks) > BIG_TURNS
        assert screen_lines(view) == before, "the reader has not moved"
        assert "loading" not in status(app)
        assert f"of {BIG_TURNS}" in status(app)


async def test_end_in_the_preview_shows_the_end_before_the_whole_is_parsed(tmp_path, monkeypatch):
    async with reading_a_big_file(tmp_path, monkeypatch) as (app, pilot, gate, big):
        view = app.transcript
        await pilot.press("end")
        last = f"Turn number {BIG_TURNS - 1} says"
        await until(pilot, lambda: last in screen_text(view), what="the last turn, from the preview")
        assert app.documents[0] is None, "the whole is still being parsed (or held)"
        assert re.search(r"loading \d+%", status(app))
        gate.open.set()
        await until(pilot, lambda: view.document is app.documents[0], what="the whole")
        await pilot.pause()
        assert f"Turn number {BIG_TURNS - 1} says" in screen_text(view)
        assert "100%" in status(app)


async def test_reading_near_the_end_of_the_preview_stays_put_when_the_whole_arrives(tmp_path, monkeypatch):
    async with reading_a_big_file(tmp_path, monkeypatch) as (app, pilot, gate, big):
        view = app.transcript
        await pilot.press("end")
        await until(pilot, lambda: f"Turn number {BIG_TURNS - 1} says" in screen_text(view), what="the end")
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        before = screen_lines(view)
        numbers = [int(n) for n in re.findall(r"Turn number (\d+) says", "\n".join(before))]
        assert numbers and BIG_TURNS - 100 < min(numbers) < BIG_TURNS - 10, "three pages above the end"
        scrolling_up = view.document.text[: view.top_position()[0]]
        assert "still loading" in scrolling_up, "the preview says that the middle is missing"

        gate.open.set()
        await until(pilot, lambda: view.document is app.documents[0], what="the whole")
        await pilot.pause()
        assert "still loading" not in view.document.text
        assert screen_lines(view) == before, "the reader has not moved"


async def test_a_big_file_opened_from_the_list_shows_a_preview_too(tmp_path, monkeypatch):
    folder = tmp_path / "talks"
    paths = make_folder(folder, 3)
    big = make_big(folder / "talk-9999-big.txt")
    paths = expand_paths([folder])
    assert paths[-1] == big
    gate = Gate(monkeypatch, only=big)
    gate.open.set()
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        view = app.transcript
        await until(pilot, lambda: view.document is not None and view.document.path == paths[0], what="the first")
        await until(pilot, lambda: app.documents[-1] is not None, what="the big one, in the background")
        await settle(pilot)
        # A fresh start: the big one is not parsed when it is asked for.
    gate.open.clear()
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        view = app.transcript
        await until(pilot, lambda: view.document is not None, what="the first")
        app.open_document(len(paths) - 1)
        await until(pilot, lambda: "Turn number 0 says" in screen_text(view), what="the preview")
        assert re.search(r"loading \d+%", status(app))
        gate.open.set()
        await until(pilot, lambda: view.document is app.documents[-1], what="the whole")
        assert "loading" not in status(app)


async def test_the_first_document_opening_leaves_the_focus_where_the_reader_put_it(tmp_path, monkeypatch):
    paths = make_folder(tmp_path / "talks", 5)
    gate = Gate(monkeypatch)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        listing.focus()  # while the first document is still being parsed
        await pilot.pause()
        gate.open.set()
        await until(pilot, lambda: app.transcript.document is not None, what="the first document")
        await pilot.pause()
        assert app.focused is listing
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.transcript.document.path == paths[1], what="the second document")
