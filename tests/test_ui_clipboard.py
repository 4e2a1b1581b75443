"""y copies a quote with attribution: to the system clipboard (a real X
server and xclip), else through the terminal (OSC 52), never crashing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest
from test_ui_highlights import (
    HANS,
    SENTENCE,
    SIZE,
    at_sentence,
    messages,
    press,
    ready,
    view_of,
)

from reader import clipboard, convert
from reader.load import load_document
from reader.quote import format_quote
from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.commands import ReaderCommands

HANT = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
HANT_FIRST_TURN = 7  # Kevin Scott: 非常感謝你今天加入我們的 Build 大會。…
HANS_TITLE = load_document(HANS).title
HANS_QUOTE = format_quote(SENTENCE, "Sarah Guo", HANS_TITLE, language="zh-Hans")


def no_system_clipboard(monkeypatch) -> None:
    def unavailable(text: str) -> str:
        raise clipboard.ClipboardUnavailable("no clipboard available (no display)")

    monkeypatch.setattr(clipboard, "copy", unavailable)


async def copied(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run_command(app: ReaderApp, prefix: str) -> None:
    callback = next(cb for text, cb, _ in ReaderCommands(app.screen).commands() if text.startswith(prefix))
    callback()


async def test_without_a_system_clipboard_y_copies_with_osc52_and_says_so(monkeypatch):
    no_system_clipboard(monkeypatch)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "y")
        await copied(pilot)
        assert app.clipboard == HANS_QUOTE
        assert HANS_QUOTE == f"“{SENTENCE}”——Sarah Guo,《{HANS_TITLE}》"
        assert any("Copied with OSC 52 (terminal clipboard)" in m for m in messages(app))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display discovery is Linux's")
async def test_no_display_at_all_falls_back_to_osc52(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "y")
        await copied(pilot)
        assert app.clipboard == HANS_QUOTE
        assert any("OSC 52" in m for m in messages(app))


async def test_when_nothing_can_copy_it_says_so_and_goes_on(monkeypatch):
    no_system_clipboard(monkeypatch)
    app = ReaderApp([HANS])

    def refused(text: str) -> None:
        raise OSError("the terminal is gone")

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app, "copy_to_clipboard", refused)
        await at_sentence(pilot)
        await press(pilot, "y")
        await copied(pilot)
        assert app.is_running
        assert any("Could not copy" in m for m in messages(app))


async def test_y_on_a_highlight_copies_the_highlight(monkeypatch):
    no_system_clipboard(monkeypatch)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "right_square_bracket", "v", *["right"] * 5, "h", "left", "left")
        await press(pilot, "y")
        await copied(pilot)
        assert app.clipboard == format_quote("可以从你的故", "Sarah Guo", HANS_TITLE, language="zh-Hans")


async def test_quote_options_original_script_and_markdown(monkeypatch):
    no_system_clipboard(monkeypatch)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "c", "c")  # traditional on screen
        await press(pilot, "y")
        await copied(pilot)
        shown = convert.convert(SENTENCE, "s2t")
        assert app.clipboard.startswith(f"「{shown}」——")  # traditional marks for traditional text
        run_command(app, "Quote in the original script")
        run_command(app, "Quote as a Markdown blockquote")
        await press(pilot, "y")
        await copied(pilot)
        assert app.clipboard == f"> {SENTENCE}\n>\n> ——Sarah Guo,《{HANS_TITLE}》"
        assert view.mode == "traditional"


async def test_the_quote_form_chosen_is_remembered_after_a_restart(monkeypatch):
    no_system_clipboard(monkeypatch)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        run_command(app, "Quote in the original script")
        run_command(app, "Quote as a Markdown blockquote")
        await pilot.pause()
    again = ReaderApp([HANS])
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "c", "c")  # traditional on screen
        await press(pilot, "y")
        await copied(pilot)
        # a blockquote, in the document's own (simplified) script
        assert again.clipboard == f"> {SENTENCE}\n>\n> ——Sarah Guo,《{HANS_TITLE}》"
        # and the palette offers the way back
        run_command(again, "Quote in quotation marks")
        run_command(again, "Quote in the displayed script")
        await press(pilot, "y")
        await copied(pilot)
        assert again.clipboard.startswith(f"「{convert.convert(SENTENCE, 's2t')}」——")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 clipboard")
async def test_y_puts_the_quote_in_the_displayed_script_on_the_x_clipboard(x_display):
    xclip = shutil.which("xclip")
    if not xclip:
        pytest.skip("xclip is not installed (Debian package xclip)")
    doc = load_document(HANT)
    sentence = "非常感謝你今天加入我們的 Build 大會。"
    assert doc.block_text(doc.blocks[HANT_FIRST_TURN]).startswith(sentence)
    simplified = convert.convert(sentence, "t2s")
    assert simplified != sentence
    expected = format_quote(simplified, "Kevin Scott", convert.convert(doc.title, "t2s"), language="zh-Hans")
    app = ReaderApp([HANT])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "right_square_bracket")
        assert view_of(app).cursor == HANT_FIRST_TURN
        await press(pilot, "c")  # 简体
        assert view_of(app).mode == "simplified"
        await press(pilot, "y")
        await copied(pilot)
        assert any(m == "Copied with xclip." for m in messages(app)), messages(app)
        assert app.clipboard == ""  # not the terminal's: the system clipboard took it
    assert read_back(xclip, expected) == expected


def read_back(xclip: str, expected: str) -> str:
    """The X clipboard's text, asked again for up to 2 s."""
    deadline = time.monotonic() + 2
    while True:
        result = subprocess.run([xclip, "-selection", "clipboard", "-o"], capture_output=True, timeout=10, check=False)
        text = result.stdout.decode("utf-8")
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.05)
