"""The reader as a user drives it (Pilot), asserting on what is drawn."""

from __future__ import annotations

import re
from pathlib import Path

from rich.style import Style
from textual.geometry import Offset
from textual.selection import Selection

from reader.load import load_document
from reader.model import Block, Document
from reader.resources import bundled_documents, corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.documents.doclist import DocumentList
from reader.ui.help import HelpScreen
from reader.ui.status import StatusBar
from reader.ui.transcript.lines import LABEL
from reader.ui.transcript.view import TranscriptView

SIZE = (120, 40)
HANS = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_lines(view: TranscriptView) -> list[str]:
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)]


def screen_text(view: TranscriptView) -> str:
    return "\n".join(screen_lines(view))


def prose(view: TranscriptView) -> str:
    """The visible text without gutters and wraps."""
    return "".join(line[2:].rstrip() for line in screen_lines(view))


def status(app: ReaderApp) -> str:
    return str(app.query_one(StatusBar).render())


def option_texts(app: ReaderApp) -> list[str]:
    return [str(option.prompt) for option in app.query_one(DocumentList).options]


async def test_the_list_shows_every_bundled_document_by_title():
    paths = bundled_documents()
    assert len(paths) == 5
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = option_texts(app)
        assert len(texts) == 5
        for path, text in zip(paths, texts, strict=True):
            doc = load_document(path)
            assert text.startswith(" ".join(doc.title.split()))
            assert doc.language in text


async def test_the_first_document_opens_and_its_text_is_on_screen():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        doc = view.document
        assert doc is not None and doc.path == bundled_documents()[0]
        shown = screen_text(view)
        first_text = next(b for b in doc.blocks if b.kind != "boilerplate")
        assert doc.block_text(first_text)[:12] in shown
        assert doc.title[:10] in status(app)


async def test_enter_on_a_list_entry_opens_that_document():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.query_one(DocumentList).focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        doc = app.transcript.document
        assert doc is not None and doc.path == bundled_documents()[2]
        assert app.focused is app.transcript
        assert "Kevin Scott" in screen_text(app.transcript) or "Satya" in screen_text(app.transcript)


async def test_next_turn_moves_the_current_block_and_the_status():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        before = status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first = view.cursor
        assert view.document.blocks[first].kind == "turn"
        assert "turn 1 of" in status(app) and status(app) != before
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.cursor > first and "turn 2 of" in status(app)
        # the current turn's label is on screen, drawn in reverse video
        label = view.document.blocks[view.cursor].speaker
        row = next(y for y, text in enumerate(screen_lines(view)) if text.strip().endswith(label))
        assert any(seg.style and seg.style.reverse for seg in view.render_line(row) if label in seg.text)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.cursor == first


async def test_keys_scroll_and_end_reaches_the_bottom():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        app.transcript.focus()
        assert view.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y > 20
        await pilot.press("end")
        await pilot.pause()
        assert view.max_scroll_y > 0 and view.scroll_y == view.max_scroll_y
        assert "100%" in status(app)
        last = [b for b in view.document.blocks if b.kind != "boilerplate"][-1]
        assert view.document.block_text(last)[-8:] in prose(view)
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0


async def test_next_heading_jumps_to_it():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        block = view.document.blocks[view.cursor]
        assert block.kind == "heading"
        assert view.document.block_text(block).split()[0] in screen_lines(view)[0]


async def test_tab_moves_focus_between_panes():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.focused is app.transcript
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(app.focused.id)
        assert seen == ["outline", "highlight-list", "keywords", "documents", "transcript"]
        await pilot.press("shift+tab")
        assert app.focused.id == "documents"


async def test_question_mark_opens_the_help_screen_listing_every_key():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for expected in ("]", "Next turn", "[", "}", "Script", "Quit", "Page down", "Top", "j", "Line down"):
            assert expected in text
        assert "double-click" in text and "Select a word" in text  # the mouse, which has no bindings
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def label_strip(pilot, view: TranscriptView, block: int):
    view.jump_to_block(block)
    await pilot.pause()
    layout = view.layout_model
    y = layout.start(block)
    assert layout.line(y).role == LABEL
    return view.render_line(y - round(view.scroll_y))


async def test_two_speakers_are_drawn_in_different_colours():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        blocks = view.document.blocks
        first_turn = {}
        for i, b in enumerate(blocks):
            if b.kind == "turn":
                first_turn.setdefault(b.speaker, i)
        assert len(first_turn) >= 2
        colours = {}
        for speaker, block in list(first_turn.items())[:3]:
            strip = await label_strip(pilot, view, block)
            name_segment = next(seg for seg in strip if speaker in seg.text)
            bar = next(seg for seg in strip if seg.text.strip() in ("▌", "█"))
            assert name_segment.style.color == bar.style.color
            colours[speaker] = name_segment.style.color
        assert len(set(colours.values())) == len(colours)


MARKUP = "[bold red]x[/] [@click=app.quit]z[/] [/]"


async def test_markup_and_escape_sequences_in_a_document_show_literally(tmp_path: Path):
    path = tmp_path / "markup.txt"
    path.write_text(f"{MARKUP}\n\nKevin: hello {MARKUP} \x1b[31mred\x1b[0m end\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        shown = screen_text(view)
        assert "[bold red]x[/]" in shown
        assert "[@click=app.quit]z[/]" in shown
        assert "[/]" in shown
        assert "\x1b" not in shown and "[31mred" in shown
        title = view.document.title
        assert "[/]" in title  # whatever the parser takes as the title, it is shown as written
        assert option_texts(app)[0].startswith(title)
        assert app.sub_title == title
        # clicking the would-be link does nothing but move the reading position
        row = next(y for y, text in enumerate(screen_lines(view)) if "@click" in text)
        column = screen_lines(view)[row].index("z[/]")
        await pilot.click(TranscriptView, offset=(column + 1, row))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_a_missing_file_is_an_error_entry_not_a_crash(tmp_path: Path):
    missing = tmp_path / "nope.txt"
    app = ReaderApp([missing, HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = option_texts(app)
        assert "nope.txt" in texts[0] and "no such file" in texts[0]
        assert app.transcript.document is not None  # the next one opened
        assert any("no such file" in n.message for n in app._notifications)
        app.query_one(DocumentList).focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.is_running


async def test_tiny_terminal_and_rapid_resizes_do_not_crash():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=(20, 6)) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "end", "j", "c")
        for width, height in [(40, 10), (3, 2), (120, 40), (21, 7), (200, 60), (1, 1), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.press("right_square_bracket", "home")
        assert app.is_running
        assert screen_text(app.transcript)


async def test_resizing_keeps_the_reading_position():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        for _ in range(6):
            await pilot.press("right_square_bracket")
        block = view.cursor
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert view.cursor == block
        speaker = view.document.blocks[block].speaker
        assert any(line.strip().endswith(speaker) for line in screen_lines(view))


async def test_c_cycles_the_script_of_simplified_text_to_traditional():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "这" in screen_text(view)
        seen = []
        for _ in range(5):
            await pilot.press("c")
            await pilot.pause()
            seen.append((view.mode, screen_text(view)))
        modes = [mode for mode, _ in seen]
        assert modes[-1] == "original"
        traditional = dict(seen)["traditional"]
        assert "這" in traditional and "这" not in traditional
        assert "繁體" in status(app) or modes


async def test_a_german_document_is_shown_as_is_in_any_script_mode():
    app = ReaderApp([GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = screen_text(app.transcript)
        await pilot.press("c")
        await pilot.pause()
        assert "not Chinese: shown as is" in status(app)
        assert screen_text(app.transcript) == before


async def test_boilerplate_is_folded_and_z_shows_it():
    app = ReaderApp([GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        layout = view.layout_model
        folds = [layout.line(y).text for y in range(layout.total) if layout.line(y).role == "fold"]
        assert folds and all("of web boilerplate" in text for text in folds)
        folded_total = layout.total
        await pilot.press("z")
        await pilot.pause()
        layout = view.layout_model
        assert layout.total > folded_total
        assert not any(layout.line(y).role == "fold" for y in range(layout.total))


async def test_drag_selection_copies_the_text_without_gutter():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        await pilot.press("right_square_bracket")
        await pilot.pause()
        block = view.document.blocks[view.cursor]
        top = round(view.scroll_y)
        text, _ = view.get_selection(Selection(Offset(0, top), Offset(4, top + 1)))
        assert text == f"{block.speaker}\n" + view.document.block_text(block)[:4]
        assert "▌" not in text and "█" not in text


async def test_spans_restyle_the_text_they_cover():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        doc = view.document
        block = next(b for b in doc.blocks if b.kind == "turn")
        view.jump_to_block(doc.blocks.index(block))
        await pilot.pause()
        word = doc.block_text(block)[2:6]
        view.set_spans("search", [(block.start + 2, block.start + 6, Style(bgcolor="red"))])
        await pilot.pause()
        row = 1  # under the label
        strip = view.render_line(row)
        marked = "".join(s.text for s in strip if s.style and s.style.bgcolor and s.style.bgcolor.name == "red")
        assert marked == word


def big_document(turns: int) -> Document:
    parts, blocks, pos = [], [], 0
    for i in range(turns):
        text = f"Turn {i}: " + "lorem ipsum dolor sit amet " * (3 + i % 17)
        parts.append(text)
        blocks.append(Block("turn", pos, pos + len(text), ("Alice", "Bob", "Carol")[i % 3]))
        pos += len(text) + 1
    return Document(text="\n".join(parts), blocks=blocks, title="big", language="en", script=None)


async def test_a_large_document_opens_lazily_and_end_reaches_its_last_turn():
    app = ReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.transcript
        doc = big_document(20_000)
        view.set_document(doc, {"Alice": "#ff0000", "Bob": "#00ff00", "Carol": "#0000ff"})
        await pilot.pause()
        assert sum(view.layout_model.exact) < 200  # only what is near the screen
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        assert "Turn 19999:" in screen_text(view)
        await pilot.press("pageup", "pageup", "k")
        await pilot.pause()
        lines = screen_lines(view)
        assert all(line.strip() == "" or line[0] in "▌█" for line in lines)
        numbers = [int(n) for n in re.findall(r"Turn (\d+):", "".join(lines))]
        assert numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        await pilot.press("home")
        assert "Turn 0:" in screen_text(view)


async def test_enter_on_an_outline_entry_jumps_to_that_heading():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        outline = app.query_one("#outline")
        outline.focus()
        await pilot.press("home", "down", "down", "enter")
        await pilot.pause()
        headings = view.headings
        assert view.cursor == headings[2]
        assert app.focused is view
        assert round(view.scroll_y) == view.layout_model.start(headings[2])


async def test_the_command_palette_offers_documents_headings_and_modes(tmp_path: Path):
    from reader.ui.commands import ReaderCommands

    path = tmp_path / "markup.txt"
    path.write_text(f"Title {MARKUP}\n\nA: text\n", encoding="utf-8")
    app = ReaderApp([HANS, path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        provider = ReaderCommands(app.screen)
        texts = [text for text, _, _ in provider.commands()]
        assert any(t.startswith("Open: 对谈Kevin Scott") for t in texts)
        assert any("[@click=app.quit]z[/]" in t for t in texts)
        assert any(t.startswith("Go to: ") for t in texts)
        assert any(t.startswith("Script: ") for t in texts)
        hits = [hit async for hit in provider.search("click")]
        assert hits and "[@click=app.quit]" in str(hits[0].prompt)
        assert all(not isinstance(hit.prompt, str) for hit in hits)
        # running a command does what it says
        open_second = next(cb for text, cb, _ in provider.commands() if "[@click" in text)
        open_second()
        await pilot.pause()
        assert app.transcript.document.path == path


async def test_dragging_the_mouse_selects_transcript_text():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        await pilot.press("right_square_bracket")
        await pilot.pause()
        block = view.document.blocks[view.cursor]
        # row 0 is the border; the label is row 1; border, padding and gutter take 4 columns
        await pilot.mouse_down(TranscriptView, offset=(4, 1))
        await pilot.hover(TranscriptView, offset=(4 + 8, 2))
        await pilot.mouse_up(TranscriptView, offset=(4 + 8, 2))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected is not None
        assert selected.startswith(block.speaker + "\n")
        assert view.document.block_text(block).startswith(selected.split("\n", 1)[1])
        assert len(selected.split("\n", 1)[1]) >= 4


async def test_an_outline_of_hundreds_of_headings_is_complete_and_follows_the_reader(tmp_path):
    """The outline of a long document is listed a batch per frame: in the end
    every heading is there, in order, and the last one is marked when the
    reader reaches it."""
    parts = [f"## Part {n}\n\nAnna: Question {n}?\n\nBen: Answer {n}." for n in range(1, 301)]
    path = tmp_path / "long.md"
    path.write_text("# A long talk\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        outline = app.query_one("#outline")
        await pilot.press("end")  # while the outline may still be filling
        for _ in range(250):
            if outline.option_count >= 300:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        texts = [str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)]
        parts_listed = [t for t in texts if "Part " in t]
        assert parts_listed[0].endswith("Part 1") and parts_listed[-1].endswith("Part 300")
        assert len(parts_listed) == 300
        marked = str(outline.get_option_at_index(outline.highlighted).prompt)
        assert marked.endswith("Part 300")
