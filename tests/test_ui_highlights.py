"""Highlights in the TUI, driven as a user drives them (Pilot), against real
store files under READER_HOME (tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from reader import convert
from reader.load import load_document
from reader.resources import corpus_dir
from reader.store import COLOURS
from reader.ui.annotate.highlights import highlight_class
from reader.ui.annotate.notes import NoteEditor
from reader.ui.annotate.picker import ColourPicker
from reader.ui.app import ReaderApp
from reader.ui.commands import ReaderCommands
from reader.ui.script import display as script
from reader.ui.sidebar.highlights import HighlightEntries
from reader.ui.transcript.lines import TEXT
from reader.ui.transcript.reading import ReadingView

SIZE = (120, 40)
HANS = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"
FIRST_TURN = 15  # Sarah Guo: 可以从你的故事开始吗?从弗吉尼亚农村社区,…这是一个怎样的过程?
# Its second sentence: 首席技术官 becomes 技術長 in taiwan-phrases (the length changes).
SENTENCE = "从弗吉尼亚农村社区,你的父母没有上过大学,到成为微软首席技术官,这是一个怎样的过程?"


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def view_of(app: ReaderApp) -> ReadingView:
    return app.query_one("#transcript", ReadingView)


def tinted(view: ReadingView, colour: str = "yellow") -> str:
    """The text on screen drawn in a highlight colour, in reading order."""
    background = view.style_of(highlight_class(colour)).bgcolor
    assert background is not None
    return "".join(
        segment.text
        for y in range(view.size.height)
        for segment in view.render_line(y)
        if segment.style is not None and segment.style.bgcolor == background
    )


def caret_text(view: ReadingView) -> str:
    """The characters drawn in reverse video (the cursor) in the text (the
    current turn's speaker label is drawn reversed too: left out)."""
    top, layout = round(view.scroll_y), view.layout_model
    return "".join(
        segment.text
        for y in range(view.size.height)
        if (line := layout.line(top + y)) is not None and line.role == TEXT
        for segment in list(view.render_line(y))[2:]  # not the gutter
        if segment.style is not None and segment.style.reverse and segment.text.strip()
    )


def store_file(home: Path) -> Path:
    return home / "data" / "highlights.json"


def records(home: Path) -> list[dict]:
    return json.loads(store_file(home).read_text(encoding="utf-8"))["highlights"]


def messages(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def at_sentence(pilot) -> ReadingView:
    """Cursor on SENTENCE (first turn, second sentence)."""
    view = view_of(pilot.app)
    await press(pilot, "right_square_bracket")
    assert view.cursor == FIRST_TURN
    await press(pilot, "right_parenthesis")
    assert view.document.text.startswith(SENTENCE, view.caret.position)
    return view


# --- the reading cursor -------------------------------------------------------------


async def test_arrows_move_by_character_whatever_its_width():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket")
        start = view.caret.position
        assert view.document.text[start] == "可" and caret_text(view) == "可"
        await press(pilot, "right", "right", "right")
        assert view.caret.position == start + 3 and caret_text(view) == "你"
        await press(pilot, "left")
        assert caret_text(view) == "从"
        await press(pilot, "c", "c")  # simplified, then traditional: on the same character
        assert caret_text(view) == "從"


async def test_v_and_motions_select_and_h_highlights_the_selection(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket", "v", "right", "right", "right", "right", "right")
        start = view.document.blocks[FIRST_TURN].start
        assert view.caret.selection == (start, start + 6)
        await press(pilot, "h")
        assert view.caret.selection is None
        assert tinted(view) == "可以从你的故"
        [record] = records(isolated_home)
        assert record["quote"]["exact"] == "可以从你的故" and record["colour"] == "yellow"
        assert record["speaker"] == "Sarah Guo"


async def test_escape_clears_the_selection_and_shift_arrows_extend_it():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket", "shift+right", "shift+right")
        start = view.document.blocks[FIRST_TURN].start
        assert view.caret.selection == (start, start + 3)
        await press(pilot, "escape")
        assert view.caret.selection is None and view.caret.position == start + 2


async def test_scrolling_carries_the_cursor_along():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket")
        await press(pilot, *["space"] * 3)
        assert view.motions.block_at(view.caret.position) == view.cursor
        assert caret_text(view)  # drawn, so on screen
        await press(pilot, "right")  # moving it does not jump back to where it was
        assert view.motions.block_at(view.caret.position) == view.cursor


async def test_a_key_right_after_next_turn_acts_in_the_new_turn():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        app.action_next_turn()  # no pause in between: keys typed quickly
        view.action_move("sentence", True)
        await pilot.pause()
        assert view.cursor == FIRST_TURN
        assert view.document.text.startswith(SENTENCE, view.caret.position)


# --- drawing in every script mode ----------------------------------------------------


async def test_h_without_selection_highlights_the_sentence_in_every_script_mode(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "h")
        assert tinted(view) == SENTENCE
        modes = [mode.name for mode in script.modes()]
        assert "taiwan-phrases" in modes
        for mode in modes:
            app.set_mode(mode)
            await pilot.pause()
            config = script.mode_named(mode).config
            expected = convert.convert(SENTENCE, config) if config else SENTENCE
            assert tinted(view) == expected, mode
        assert "技術長" in tinted(view) or mode != "taiwan-phrases"
        app.set_mode("taiwan-phrases")
        await pilot.pause()
        assert tinted(view) == convert.convert(SENTENCE, "s2twp") and len(tinted(view)) != len(SENTENCE)


async def test_highlights_are_saved_and_shown_again_after_a_restart(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "3")  # the colour of the next highlight
        await press(pilot, "h")
    [record] = records(isolated_home)
    assert record["quote"]["exact"] == SENTENCE and record["colour"] == COLOURS[2]
    again = ReaderApp([HANS])
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(again)
        assert tinted(view, COLOURS[2]) == SENTENCE  # reopened where it was left, highlight drawn


async def test_a_digit_recolours_the_highlight_under_the_cursor(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "h", "5")
        assert tinted(view, COLOURS[4]) == SENTENCE and tinted(view, "yellow") == ""
        assert records(isolated_home)[0]["colour"] == COLOURS[4]


async def test_the_picker_chooses_colour_and_tags(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "H")
        assert isinstance(app.screen, ColourPicker)
        await press(pilot, "tab", *"ai, origin", "shift+tab", "2")
        assert not isinstance(app.screen, ColourPicker)
        assert tinted(view, "green") == SENTENCE
        [record] = records(isolated_home)
        assert record["colour"] == "green" and record["tags"] == ["ai", "origin"]


# --- notes, deleting, undo --------------------------------------------------------------


async def test_a_edits_a_multi_line_note_and_tags(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "h", "a")
        assert isinstance(app.screen, NoteEditor)
        await press(pilot, *"first line", "enter", *"second line", "tab", *"career, 人生")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        [record] = records(isolated_home)
        assert record["note"] == "first line\nsecond line"
        assert record["tags"] == ["career", "人生"]
        entry = str(app.query_one("#highlight-list", HighlightEntries).get_option_at_index(0).prompt)
        assert "first line" in entry and "second line" not in entry and "#career" in entry
        # editing again shows the note; Escape changes nothing
        await press(pilot, "a")
        assert app.screen.query_one("#note-text").text == "first line\nsecond line"
        await press(pilot, "x", "escape")
        assert records(isolated_home)[0]["note"] == "first line\nsecond line"


async def test_a_on_plain_text_makes_a_highlight_with_the_note(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "a", *"why", "ctrl+s")
        [record] = records(isolated_home)
        assert record["quote"]["exact"] == SENTENCE and record["note"] == "why"
        assert tinted(view) == SENTENCE


async def test_d_deletes_and_u_restores(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "h")
        highlight_id = records(isolated_home)[0]["id"]
        await press(pilot, "d")
        assert tinted(view) == ""
        assert records(isolated_home) == []
        assert highlight_id in json.loads(store_file(isolated_home).read_text())["deleted"]
        await press(pilot, "u")
        assert tinted(view) == SENTENCE
        assert [r["id"] for r in records(isolated_home)] == [highlight_id]
        await press(pilot, "u")
        assert any("Nothing to undo" in m for m in messages(app))


async def test_D_toggles_the_document_list_and_d_does_not():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        documents = app.query_one("#documents")
        await press(pilot, "d")
        assert documents.display
        await press(pilot, "D")
        assert not documents.display


# --- the sidebar list ---------------------------------------------------------------------


async def test_the_sidebar_lists_highlights_in_document_order_and_enter_jumps(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket", "right_square_bracket", "h")  # later turn first
        later = view.caret.position
        await press(pilot, "left_square_bracket", "3", "h")  # then the first turn, in blue
        entries = app.query_one("#highlight-list", HighlightEntries)
        texts = [str(entries.get_option_at_index(i).prompt).replace("\n", "") for i in range(entries.option_count)]
        assert len(texts) == 2
        assert "Sarah Guo" in texts[0] and "可以从你的故事开始吗" in texts[0]
        assert "Kevin Scott" in texts[1] and "我认为这是一段非常不可能的旅程" in texts[1]
        entries.focus()
        await press(pilot, "home", "down", "enter")
        assert app.focused is view
        assert view.caret.position == later
        assert view.cursor == FIRST_TURN + 1
        # filtering by colour keeps only the blue one
        entries.focus()
        await press(pilot, "f", *"blue", "enter")
        assert entries.option_count == 1 and "Sarah Guo" in str(entries.get_option_at_index(0).prompt)
        await press(pilot, "f", "ctrl+a", *"#nothing", "enter")
        assert "No highlight matches" in str(entries.get_option_at_index(0).prompt)


async def test_the_sidebar_list_follows_the_script_mode(isolated_home):
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "h")
        entries = app.query_one("#highlight-list", HighlightEntries)
        assert "弗吉尼亚" in str(entries.get_option_at_index(0).prompt)
        await press(pilot, "c", "c")  # traditional
        await pilot.pause()
        assert "弗吉尼亞" in str(entries.get_option_at_index(0).prompt)


async def test_an_orphaned_highlight_is_listed_apart(isolated_home, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text("A: The first sentence stays. The second one goes.\n\nB: And a reply.\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        start = view.document.text.index("The second")
        view.move_cursor(start)
        await press(pilot, "h")
        assert tinted(view) == "The second one goes."
    path.write_text("A: The first sentence stays. Something else entirely.\n\nB: And a reply.\n", encoding="utf-8")
    again = ReaderApp([path])
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert tinted(view_of(again)) == ""
        orphans = again.query_one("#orphan-list", HighlightEntries)
        assert orphans.display
        assert "The second one goes." in str(orphans.get_option_at_index(0).prompt)
        assert "Orphaned (1)" in str(orphans.border_title)
        # a filter never hides it
        entries = again.query_one("#highlight-list", HighlightEntries)
        entries.focus()
        await press(pilot, "f", *"purple", "enter")
        assert orphans.display and orphans.option_count == 1
        # it can only be reached from the list: d there deletes it
        orphans.focus()
        await press(pilot, "home", "d")
        assert not orphans.display
    assert records(isolated_home) == []


# --- the store in trouble -----------------------------------------------------------------


async def test_a_corrupt_store_is_moved_aside_and_the_app_works(isolated_home):
    store = store_file(isolated_home)
    store.parent.mkdir(parents=True)
    store.write_text("{ this is not json", encoding="utf-8")
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert any("could not be parsed" in m and "moved aside" in m for m in messages(app))
        assert list(store.parent.glob("highlights.json.corrupt-*"))
        view = await at_sentence(pilot)
        await press(pilot, "h")
        assert tinted(view) == SENTENCE
    assert records(isolated_home)[0]["quote"]["exact"] == SENTENCE


async def test_an_unwritable_store_keeps_highlights_until_a_save_succeeds(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the store's folder should be", encoding="utf-8")
    monkeypatch.setenv("READER_STORE", str(blocker / "highlights.json"))
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        await press(pilot, "h")
        assert any("could not be saved" in m for m in messages(app))
        assert tinted(view) == SENTENCE  # kept in memory, still drawn
        blocker.unlink()
        blocker.mkdir()
        await press(pilot, "right_square_bracket", "h")  # the next change saves both
        assert any(m == "Highlights saved." for m in messages(app))
    saved = json.loads((blocker / "highlights.json").read_text(encoding="utf-8"))["highlights"]
    assert {r["quote"]["exact"] for r in saved} >= {SENTENCE}
    assert len(saved) == 2


async def test_a_failed_save_is_retried_by_a_timer(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("READER_STORE", str(blocker / "highlights.json"))
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "h")
        assert app.highlights._retry is not None
        blocker.unlink()
        blocker.mkdir()
        app.highlights._retry_save()  # what the timer calls
        await pilot.pause()
        assert app.highlights._retry is None
        assert "Highlights saved." in messages(app)
        saved = json.loads((blocker / "highlights.json").read_text(encoding="utf-8"))["highlights"]
        assert [r["quote"]["exact"] for r in saved] == [SENTENCE]


# --- export and reading position -------------------------------------------------------------


async def test_export_from_the_palette_writes_a_file_and_shows_its_path(isolated_home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await at_sentence(pilot)
        await press(pilot, "h")
        await press(pilot, "ctrl+p")
        await pilot.press(*"export highlights of this document markdown")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        [written] = tmp_path.glob("highlights-*.md")
        assert SENTENCE in written.read_text(encoding="utf-8")
        assert any(str(written) in m for m in messages(app))


async def test_every_export_command_is_in_the_palette():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = [text for text, _, _ in ReaderCommands(app.screen).commands()]
        for name in ("Markdown", "JSON", "CSV"):
            assert any(t.startswith("Export highlights of this document") and name in t for t in texts)
            assert any(t.startswith("Export all highlights") and name in t for t in texts)


async def test_the_last_document_reopens_where_the_reader_left_it():
    app = ReaderApp([GERMAN, HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert view_of(app).document.path == GERMAN
        app.open_document(1)
        await pilot.pause()
        await press(pilot, *["right_square_bracket"] * 6, "right", "right")
        view = view_of(app)
        position, block = view.caret.position, view.cursor
    again = ReaderApp([GERMAN, HANS])
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(again)
        assert view.document.path == HANS
        assert view.caret.position == position and view.cursor == block
        assert caret_text(view) == view.document.text[position]  # on screen
        # and each document keeps its own place
        again.open_document(0)
        await pilot.pause()
        assert view.document.path == GERMAN
        again.open_document(1)
        await pilot.pause()
        assert view.caret.position == position


async def test_a_settings_file_that_cannot_be_written_is_a_warning(isolated_home):
    (isolated_home / "config").write_text("a file where the settings folder should be", encoding="utf-8")
    app = ReaderApp([GERMAN, HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_document(1)  # a switch writes the position
        await pilot.pause()
        assert app.is_running and view_of(app).document.path == HANS
        assert any("settings could not be saved" in m for m in messages(app))


def test_quote_language_follows_the_displayed_script():
    from reader.ui.annotate.highlights import quote_language

    hans = load_document(HANS)
    assert quote_language(hans, None) == "zh-Hans"
    assert quote_language(hans, "s2t") == "zh-Hant"
    assert quote_language(hans, "s2twp") == "zh-Hant"
    assert quote_language(hans, "tw2sp") == "zh-Hans"
    assert quote_language(load_document(GERMAN), "s2t") == "de"
