"""The reader with hostile and broken input (issue 7), asserted on the whole
screen as Textual composes it: control characters never reach it, markup is
text, broken files are an entry and a notification, never a traceback."""

from __future__ import annotations

import pathlib
from pathlib import Path

from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection

from reader.sanitize import has_control
from reader.ui.app import ReaderApp
from reader.ui.documents.doclist import DocumentList
from reader.ui.status import StatusBar
from reader.ui.transcript.lines import LABEL, TEXT
from reader.ui.transcript.view import EMPTY_DOCUMENT, TranscriptView

SIZE = (140, 40)
MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z[/]", " [/] "]
SEQUENCES = "\x1b]0;PWNED\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J \x07 \u009b2J"
HOSTILE_TEXT = (
    f"Interview {SEQUENCES} {' '.join(MARKUP)}\n\nAnna: Wie hat alles angefangen? {' '.join(MARKUP)} {SEQUENCES}\n\n"
    "Ben: Mit mehr Rechenleistung.\n\nAnna: Und dann?\n\nBen: Noch mehr.\n"
)
# A file name cannot hold "/": its markup is left open.
MARKUP_NAME = "[bold red]x[@click=app.quit]z\x1b]0;PWNED\x07.txt"


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def whole_screen(app: ReaderApp) -> str:
    """Every cell of the screen as composed (panes, header, status, toasts)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def entries(app: ReaderApp) -> list[str]:
    return [str(option.prompt) for option in app.query_one(DocumentList).options]


def notifications(app: ReaderApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_markup_and_escapes_in_names_and_text_show_literally_everywhere(tmp_path: Path):
    named = tmp_path / MARKUP_NAME
    named.write_bytes(b"")  # empty: its title is its name
    hostile = tmp_path / "hostile [@click=app.quit]q \x1b]0;PWNED\x07.txt"  # its long first line: the name is the title
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    missing = tmp_path / "gone [b]x[/b] \x1b]0;PWNED\x07.txt"
    app = ReaderApp([hostile, named, missing])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = whole_screen(app)
        assert not has_control(screen.replace("\n", ""))
        for literal in ("[@click=app.quit]z[/]", "[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", "␛]0;PWNED␇"):
            assert literal in app.transcript.document.text or literal in screen
            assert literal in screen, literal
        assert "␛[2J" in screen and "␛]52;c;" in screen
        # the list, the header and the status show the title as written
        title = app.transcript.document.title
        assert title == "hostile [@click=app.quit]q ␛]0;PWNED␇"
        assert entries(app)[0].startswith(title)
        assert app.sub_title == title and title in screen
        assert title in str(app.query_one(StatusBar).render())
        # a file named with markup and escapes, and a missing one, as written
        assert entries(app)[1].startswith("[bold red]x[@click=app.quit]z␛]0;PWNED␇")
        assert "gone [b]x[/b] ␛]0;PWNED␇.txt" in entries(app)[2]
        assert any("gone [b]x[/b] ␛]0;PWNED␇.txt: no such file" in n for n in notifications(app))
        app.open_document(1)
        await ready(pilot)
        screen = whole_screen(app)
        assert "[bold red]x[@click=app.quit]z␛]0;PWNED␇" in screen
        assert not has_control(screen.replace("\n", ""))
        assert "file has no text" in "".join(notifications(app))
        # clicking where the [@click] text is does nothing but move the reading position
        app.open_document(0)
        await ready(pilot)
        view = app.transcript
        rows = ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]
        row = next(y for y, text in enumerate(rows) if "@click" in text)
        await pilot.click(TranscriptView, offset=(rows[row].index("@click") + 3, row + 1))
        await pilot.press("enter", "space")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_broken_files_open_or_say_why_without_a_traceback(tmp_path: Path, monkeypatch):
    files = {
        "empty": (tmp_path / "empty.txt", b""),
        "one byte": (tmp_path / "one.txt", b"x"),
        "one bad byte": (tmp_path / "bad.txt", b"\xff"),
        "damaged": (tmp_path / "damaged.txt", "Kevin Scott:非常感謝你。".encode() + b"\xff\xfe" + "我們開始吧。".encode()),
        "binary": (tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "locked": (tmp_path / "locked.txt", b"Anna: secret\n"),
    }
    for path, data in files.values():
        path.write_bytes(data)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    locked = files["locked"][0]
    real_read = pathlib.Path.read_bytes

    def read_bytes(self):  # root reads anything: refuse this one file as chmod would
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    paths = [path for path, _ in files.values()] + [folder, tmp_path / "missing.txt"]
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = entries(app)
        assert shown[0].startswith("empty") and shown[1].startswith("one")  # titled by their names
        assert "damaged" in shown[3]
        assert "a binary file" in shown[4] and "permission denied" in shown[5]
        assert "is a folder" in shown[6] and "no such file" in shown[7]
        for index in range(len(paths)):  # opening each: a document, or a notification
            app.open_document(index)
            await pilot.pause()
            assert app.is_running
            assert not has_control(whole_screen(app).replace("\n", ""))
        messages = "\n".join(notifications(app))
        for expected in ("empty.txt: the file has no text", "damaged.txt: some bytes could not be decoded",
                         "a binary file", "permission denied", "is a folder", "no such file"):  # fmt: skip
            assert expected in messages, expected
        app.open_document(0)
        await pilot.pause()
        assert EMPTY_DOCUMENT in whole_screen(app)
        await pilot.press("end", "right_square_bracket", "c", "home", "z")
        assert app.is_running


async def test_a_200000_character_line_without_spaces_wraps_and_scrolls_to_its_end(tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text("Anna: Anfang" + "x" * 200_000 + "ENDE\n\nBen: gut\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        assert "Anfang" in whole_screen(app)
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 1000
        rows = ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]
        assert any("xENDE" in row for row in rows)
        assert all(view.render_line(y).cell_length == view.scrollable_content_region.width for y in range(len(rows)))


RTL_AND_COMBINING = {
    "Amal": "مرحبا بكم في المقابلة، هذا نص عربي طويل بما يكفي ليلتف على عدة أسطر في العرض الضيق.",
    "Noa": "שלום וברוכים הבאים לראיון, זהו טקסט עברי ארוך מספיק כדי להיגלל על פני כמה שורות.",
    "Zoe": "Cafe\u0301 re\u0301sume\u0301 nai\u0308ve " * 6 + "ǹ̴̡̛̗o̷̢̧͎ ẑ̸a̵̧l̶̰g̴o̶",
    "Ravi": "नमस्ते, यह हिंदी में एक लंबा वाक्य है जो कई पंक्तियों में लपेटा जाना चाहिए। " * 2,
}


async def test_right_to_left_and_combining_text_wraps_in_the_width_and_copies_exactly(tmp_path: Path):
    path = tmp_path / "scripts.txt"
    path.write_text("\n\n".join(f"{name}: {text}" for name, text in RTL_AND_COMBINING.items()) + "\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=(60, 40)) as pilot:  # narrow: the panes hide, lines wrap
        await ready(pilot)
        view = app.transcript
        layout = view.layout_model
        width = view.scrollable_content_region.width
        for y in range(view.size.height):
            strip = view.render_line(y)
            assert strip.cell_length == width
        for y in range(layout.total):
            line = layout.line(y)
            assert cell_len(line.text.rstrip()) <= view.wrap_width
            if line.role == TEXT and line.text:
                assert not ("\u0300" <= line.text[0] <= "\u036f")  # a mark never starts a line
        doc = view.document
        for index, block in enumerate(doc.blocks):
            if block.kind != "turn":
                continue
            first = layout.start(index)
            last = layout.end(index) - 1  # the blank after the block
            text, _ = view.get_selection(Selection(Offset(0, first), Offset(0, last)))
            assert text == f"{block.speaker}\n{doc.block_text(block)}\n", block.speaker
            assert doc.block_text(block) == RTL_AND_COMBINING[block.speaker].strip()
            # a selection that ends inside a line copies exactly the characters before that column
            row = first + 1
            assert layout.line(row).role == TEXT
            text, _ = view.get_selection(Selection(Offset(0, row), Offset(5, row)))
            assert text == layout.line(row).text[:5]


async def test_no_color_keeps_speakers_apart_by_their_labels(monkeypatch):
    from reader.resources import corpus_dir

    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp([corpus_dir() / "build-2023-brockman-scott-de.txt"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.no_color
        view = app.transcript
        layout = view.layout_model
        speakers = {}
        for y in range(layout.total):
            line = layout.line(y)
            if line.role == LABEL:
                speakers.setdefault(line.text, y)
        assert len(speakers) >= 2  # each turn opens with its speaker's name on a line of its own
        for name, y in speakers.items():
            view.set_scroll_y(y)
            await pilot.pause()
            strip = view.render_line(0)
            label = [s for s in strip if name in s.text]
            assert label and label[0].style.bold, name  # bold: visible without colour
        assert not has_control(whole_screen(app).replace("\n", ""))
