"""Reading beside (issue 9) as a user drives it: two panes, turn by turn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader import clipboard
from reader.load import load_document
from reader.pairs import pairs_path
from reader.resources import bundled_documents, corpus_dir
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.beside.actions import OWN_ALPHA, BesidePane, tint
from reader.ui.beside.commands import BesideCommands
from reader.ui.documents.doclist import DocumentList
from reader.ui.transcript.view import TranscriptView

SIZE = (160, 40)
ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
DE = corpus_dir() / "build-2023-brockman-scott-de.txt"
OTHER = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_beside(pilot) -> BesidePane:
    await ready(pilot)
    await pilot.press("B")
    await ready(pilot)
    await pilot.pause()
    pane = pilot.app.beside_pane
    assert pane is not None
    return pane


def screen_lines(view: TranscriptView) -> list[str]:
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)]


def turn_of_cursor(app: ReaderApp, side: str) -> int | None:
    sync = app._sync
    return sync.maps[side].of_block[sync.panes[side].cursor]


def row_of(view: TranscriptView, block: int) -> int:
    return view.layout_model.start(block) - round(view.scroll_y)


def option_texts(app: ReaderApp) -> list[str]:
    return [str(option.prompt) for option in app.query_one(DocumentList).options]


async def press_turns(pilot, count: int, key: str = "right_square_bracket") -> None:
    for _ in range(count):
        await pilot.press(key)
        await pilot.pause()


async def test_b_opens_the_german_version_beside_the_chinese():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        left = app.transcript
        assert left.document.path == ZH and pane.document.path == DE
        assert CJK.search("".join(screen_lines(left)))
        assert "Microsoft Build-Konferenz" in "".join(screen_lines(pane))
        assert not CJK.search("".join(screen_lines(pane)))
        # the two panes share the width; the list and the sidebar step aside
        assert not app.query_one(DocumentList).display or app.query_one(DocumentList).size.width == 0
        assert abs(left.size.width - pane.size.width) <= 1 and left.region.right <= pane.region.x
        assert app.focused is left
        assert "de" in str(pane.border_title) and "zh" in str(left.border_title)


async def test_next_turn_five_times_marks_the_counterpart_on_the_same_row():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        left = app.transcript
        await press_turns(pilot, 5)
        assert turn_of_cursor(app, "a") == 4  # "turn 5"
        assert turn_of_cursor(app, "b") == 4
        assert pane.cursor == app._sync.maps["b"].first[4]  # the counterpart is the pane's current block
        row = row_of(left, left.cursor)
        assert 0 <= row < left.size.height and row == row_of(pane, pane.cursor)
        assert screen_lines(left)[row].strip().endswith("Kevin Scott")
        assert screen_lines(pane)[row].strip().endswith("Kevin Scott")
        # drawn as the current turn: the label in reverse video
        assert any(seg.style and seg.style.reverse for seg in pane.render_line(row) if "Kevin" in seg.text)
        assert "turn 5 of 11 ⇄ 5" in str(pane.border_subtitle)


async def test_the_right_pane_drives_when_it_has_focus():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        pane.focus()
        await pilot.pause()
        await press_turns(pilot, 8)
        assert turn_of_cursor(app, "b") == 6  # German turn 1 has a continuation block: 8 presses, 7 turns
        assert turn_of_cursor(app, "a") == 6
        assert row_of(app.transcript, app.transcript.cursor) == row_of(pane, app._sync.maps["b"].first[6])
        await press_turns(pilot, 2, "left_square_bracket")
        assert turn_of_cursor(app, "a") == turn_of_cursor(app, "b") == 4


async def test_scrolling_one_pane_scrolls_the_other():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        await press_turns(pilot, 3)
        before = pane.scroll_y
        for _ in range(3):
            await pilot.press("space")
            await pilot.pause()
        assert pane.scroll_y > before
        # whatever turn the left reader is on now, the right pane shows its counterpart
        assert turn_of_cursor(app, "b") == turn_of_cursor(app, "a")
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0


async def test_the_mouse_over_the_other_pane_scrolls_both_without_a_tug_of_war():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        left = app.transcript
        await pilot.hover(BesidePane, offset=(10, 10))
        assert app.mouse_over is pane and app.focused is left
        before = left.scroll_y
        pane.set_scroll_y(round(pane.scroll_y) + 60)  # what the wheel does
        await pilot.pause()
        await pilot.pause()
        assert left.scroll_y > before
        assert turn_of_cursor(app, "a") == turn_of_cursor(app, "b")
        # keys in the focused left pane still lead, with the mouse resting on the right
        await press_turns(pilot, 2)
        await pilot.pause()
        assert turn_of_cursor(app, "a") == turn_of_cursor(app, "b")
        assert row_of(left, left.cursor) == row_of(pane, pane.cursor)


def german_without_the_plugin_turn(tmp_path: Path) -> Path:
    """001 with Greg Brockman's "Ich liebe Plug-Ins!" turn (turn 5) cut out."""
    text = DE.read_text(encoding="utf-8")
    start = text.index("Greg Brockman:Ich liebe Plug-Ins!")
    end = text.index("Kevin Scott:Eine Sache")
    path = tmp_path / "build-2023-brockman-scott-de-gekuerzt.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


async def test_a_version_with_a_turn_missing_still_follows(tmp_path: Path):
    short = german_without_the_plugin_turn(tmp_path)
    app = ReaderApp([ZH, short])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)  # suggested, so B finds it
        assert pane.document.path == short
        await press_turns(pilot, 6)  # Chinese turn 5: the one the German lacks
        assert turn_of_cursor(app, "a") == 5
        assert "no counterpart" in str(app.transcript.border_subtitle)
        await press_turns(pilot, 1)  # turn 6, after the gap: German turn 5 of the shortened version
        assert turn_of_cursor(app, "a") == 6 and turn_of_cursor(app, "b") == 5
        block = pane.document.blocks[pane.cursor]
        assert pane.document.block_text(block).startswith("Eine Sache, die mir an dem Plugin")
        assert row_of(app.transcript, app.transcript.cursor) == row_of(pane, pane.cursor)
        await press_turns(pilot, 4)
        assert turn_of_cursor(app, "a") == 10 and turn_of_cursor(app, "b") == 9


async def test_the_suggested_pair_is_offered_first_and_marked_in_the_list():
    paths = bundled_documents()
    zh, de = paths.index(ZH), paths.index(DE)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = option_texts(app)
        assert [i for i, text in enumerate(texts) if "⇄" in text] == sorted([zh, de])
        app.open_document(zh)
        await pilot.pause()
        provider = BesideCommands(app.screen)
        commands = [text for text, *_ in provider.commands()]
        german_title = " ".join(load_document(DE).title.split())
        assert commands[0] == f"Open beside: ★ {german_title} (suggested)"
        assert sum(text.startswith("Open beside:") for text in commands) == len(paths) - 1
        hits = [hit async for hit in provider.search("open beside")]
        assert str(hits[0].prompt) == commands[0]
        assert max(hits, key=lambda hit: hit.score) is hits[0] or hits[0].score == max(h.score for h in hits)
        # the command does what it says
        next(cb for text, cb, *_ in provider.commands() if text == commands[0])()
        await ready(pilot)
        assert app.beside_pane is not None and app.beside_pane.document.path == DE


async def test_a_chosen_pair_is_remembered_after_a_restart():
    paths = [OTHER, ZH, DE]
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.current == 0
        app.open_beside(1)  # Kevin Scott's interview beside Brockman's: not suggested, chosen
        await ready(pilot)
        assert app.beside_pane.document.path == ZH
    assert pairs_path().exists()
    again = ReaderApp(paths)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.pair_index.counterparts(0) == [(1, "remembered")]
        assert "⇄" in option_texts(again)[0]
        commands = [text for text, *_ in BesideCommands(again.screen).commands()]
        assert commands[0].startswith("Open beside: ★") and commands[0].endswith("(remembered)")
        pane = await open_beside(pilot)  # B takes the remembered one
        assert pane.document.path == ZH


async def test_b_again_or_escape_returns_to_the_single_view():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        await press_turns(pilot, 3)
        await pilot.press("B")
        await pilot.pause()
        assert app.beside_pane is None and not pane.is_attached
        assert not app.query_one("#main").has_class("-beside")
        assert app.query_one(DocumentList).display and app.query_one(DocumentList).size.width > 0
        assert app.focused is app.transcript and app.transcript.size.width < SIZE[0] - 60
        assert app.transcript.border_title is None
        # Escape, from the pane beside
        pane = await open_beside(pilot)
        pane.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert app.beside_pane is None and app.focused is app.transcript


async def test_opening_another_document_on_the_left_closes_the_view():
    app = ReaderApp([ZH, DE, OTHER])
    async with app.run_test(size=SIZE) as pilot:
        await open_beside(pilot)
        app.open_document(2)
        await pilot.pause()
        await pilot.pause()
        assert app.beside_pane is None


async def test_the_script_mode_applies_to_both_panes():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        await press_turns(pilot, 2)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert app.transcript.mode != "original" and pane.mode == app.transcript.mode
        assert turn_of_cursor(app, "b") == turn_of_cursor(app, "a") == 1
        assert row_of(app.transcript, app.transcript.cursor) == row_of(pane, pane.cursor)


async def test_y_copies_the_turn_in_both_versions(monkeypatch):
    def no_clipboard(text: str) -> str:
        raise clipboard.ClipboardUnavailable("no display")

    monkeypatch.setattr(clipboard, "copy", no_clipboard)
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        await open_beside(pilot)
        await press_turns(pilot, 2)
        await pilot.press("Y")
        await ready(pilot)
        chinese, german = app.clipboard.split("\n\n", 1)
        assert chinese.startswith("「從基礎設施") and chinese.endswith("——Greg Brockman,《" + app.transcript.document.title + "》")
        assert german.startswith("„In Bezug auf Infrastruktur") and "— Greg Brockman, " in german
        assert any("OSC 52" in n.message for n in app._notifications)


async def test_y_without_the_beside_view_does_nothing():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.check_action("copy_both", ()) is False
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == ""


async def test_a_highlight_in_one_version_marks_the_aligned_turn_of_the_other():
    zh, de = load_document(ZH), load_document(DE)
    turn = [b for b in zh.blocks if b.kind == "turn"][3]  # turn 4, Greg Brockman
    german_turn = [b for b in de.blocks if b.kind == "turn"][4]  # its counterpart (the 4th turn block is a continuation)
    store = Store.open()
    store.add(zh, turn.start + 2, turn.start + 12, colour="green")
    store.add(de, german_turn.start, german_turn.start + 4, colour="pink")  # "Das " of "Das GPT-4-Projekt"
    assert store.save() is None
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        await press_turns(pilot, 4)
        german = app._sync.maps["b"].turns[3].blocks[0]
        row = row_of(pane, pane.document.blocks.index(german)) + 1  # under the label
        assert 0 <= row < pane.size.height
        marked = {seg.style.bgcolor for seg in pane.render_line(row) if seg.text.strip()}
        assert tint(pane, "green").bgcolor in marked
        # the German version's own highlight is drawn in full, not under the faint mark
        own = [seg for seg in pane.render_line(row) if seg.style.bgcolor == tint(pane, "pink", OWN_ALPHA).bgcolor]
        assert "".join(seg.text for seg in own) == "Das "
        # the turn after it is not marked
        after = app._sync.maps["b"].first[4]
        later = row_of(pane, after) + 1
        if 0 <= later < pane.size.height:
            assert tint(pane, "green").bgcolor not in {seg.style.bgcolor for seg in pane.render_line(later)}


async def test_a_highlight_made_while_reading_beside_marks_the_other_version_at_once():
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_beside(pilot)
        await press_turns(pilot, 4)
        german = app._sync.maps["b"].turns[3].blocks[0]
        row = row_of(pane, pane.document.blocks.index(german)) + 1
        assert 0 <= row < pane.size.height
        green = tint(pane, "green").bgcolor
        assert green not in {seg.style.bgcolor for seg in pane.render_line(row)}
        await pilot.press("2", "h")  # green, the sentence under the cursor in turn 4
        await pilot.pause()
        assert green in {seg.style.bgcolor for seg in pane.render_line(row) if seg.text.strip()}


@pytest.mark.parametrize("size", [(80, 24), (20, 6)])
async def test_small_terminals_do_not_crash_in_beside_mode(size):
    app = ReaderApp([ZH, DE])
    async with app.run_test(size=size) as pilot:
        pane = await open_beside(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "space", "tab", "right_square_bracket", "end")
        for width, height in [(40, 10), (3, 2), (160, 40), (21, 7), (1, 1), size]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.press("c", "left_square_bracket", "Y", "home")
        await ready(pilot)
        assert app.is_running and app.beside_pane is pane
        assert "".join(screen_lines(pane)).strip() and "".join(screen_lines(app.transcript)).strip()
        await pilot.press("B")
        await pilot.pause()
        assert app.beside_pane is None


async def test_b_on_a_list_entry_opens_that_document_beside():
    app = ReaderApp([ZH, DE, OTHER])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        documents = app.query_one(DocumentList)
        documents.focus()
        documents.highlighted = 2
        await pilot.press("B")
        await ready(pilot)
        assert app.beside_pane is not None and app.beside_pane.document.path == OTHER
        assert app.transcript.document.path == ZH and app.focused is app.transcript
