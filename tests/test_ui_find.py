"""Find in the open document (``/``), as a reader drives it (Pilot), with
assertions on the cells drawn."""

from __future__ import annotations

from pathlib import Path

from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.find.bar import CURRENT, FIND, FindBar
from reader.ui.transcript.lines import TEXT
from reader.ui.transcript.view import TranscriptView
from tests.pilot import settled

SIZE = (140, 40)
BUILD_ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"  # traditional: 微軟, 軟件
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"
HANS = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"


async def find(pilot, query: str) -> FindBar:
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.pause()
    return pilot.app.query_one(FindBar)


def count_text(bar: FindBar) -> str:
    return str(bar.query_one("#find-count").render())


def on_screen(view: TranscriptView, offset: int) -> tuple[int, int] | None:
    """(row, column in the line's text) where source ``offset`` is drawn, if on screen."""
    layout, top = view.layout_model, round(view.scroll_y)
    for row in range(view.size.height):
        line = layout.line(top + row)
        if line is not None and line.role == TEXT and line.start <= offset < line.end:
            block_start = view.document.blocks[line.block].start
            return row, view._shown_text(line.block).to_display(offset - block_start) - line.dstart
    return None


def cells(view: TranscriptView, row: int) -> list[tuple[str, object]]:
    """(character, style) of every cell of a row's text (after the gutter)."""
    out = []
    for segment in view.render_line(row):
        out.extend((char, segment.style) for char in segment.text)
    return out[2:]  # the gutter: bar and space


def hit_cells(view: TranscriptView, start: int, end: int) -> list[tuple[str, object]]:
    place = on_screen(view, start)
    assert place is not None, "the hit is not on screen"
    row, column = place
    return cells(view, row)[column : column + (end - start)]


def background(view: TranscriptView, name: str):
    return view.style_of(name).bgcolor


async def test_slash_finds_as_you_type_and_draws_every_hit():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        bar = await find(pilot, "微软")  # simplified query, traditional text
        assert bar.display and app.focused is bar.input
        expected = view.document.text.count("微軟")
        assert len(bar.hits) == expected > 0
        assert count_text(bar) == f"1/{expected}"
        first, second = bar.hits[0], bar.hits[1]
        assert view.document.text[first.start : first.end] == "微軟"
        current = background(view, "transcript--find-current")
        other = background(view, "transcript--find")
        assert current is not None and other is not None and current != other
        # the current hit strongly (its last cell: the reading cursor sits on its first), the next one tinted
        assert [char for char, _ in hit_cells(view, first.start, first.end)] == ["微", "軟"]
        assert hit_cells(view, first.start, first.end)[-1][1].bgcolor == current
        assert all(style.bgcolor == other for _, style in hit_cells(view, second.start, second.end))


async def test_typing_narrows_the_hits_and_a_query_without_hits_says_so():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        bar = await find(pilot, "微")
        broad = len(bar.hits)
        await pilot.press(*"软")
        await pilot.pause()
        assert 0 < len(bar.hits) < broad
        await pilot.press(*"zzz")
        await pilot.pause()
        assert bar.hits == [] and count_text(bar) == "no hits"
        assert "find" not in app.transcript._layers or not app.transcript._layers[FIND].spans


async def test_n_and_N_move_between_hits_and_scroll_them_into_view():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        bar = await find(pilot, "微软")
        total = len(bar.hits)
        await pilot.press("tab")  # back to the transcript: n and N are keys there
        assert app.focused is view
        await pilot.press("n")
        await pilot.pause()
        assert bar.current == 1 and count_text(bar) == f"2/{total}"
        await pilot.press("N", "N")  # back to the first, then round to the last
        await pilot.pause()
        assert bar.current == total - 1 and count_text(bar) == f"{total}/{total}"
        last = bar.hits[-1]
        assert view.scroll_y > 0  # the last hit is far down: the view followed it
        assert on_screen(view, last.start) is not None
        assert view.document.blocks[view.cursor].start <= last.start < view.document.blocks[view.cursor].end
        assert hit_cells(view, last.start, last.end)[-1][1].bgcolor == background(view, "transcript--find-current")
        await pilot.press("n")  # and round to the first again
        await pilot.pause()
        assert bar.current == 0 and on_screen(view, bar.hits[0].start) is not None


async def test_enter_and_up_step_from_the_find_bar():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        bar = await find(pilot, "微软")
        await pilot.press("enter")
        await pilot.pause()
        assert bar.current == 1 and app.focused is bar.input
        await pilot.press("down")
        assert bar.current == 2
        await pilot.press("up", "up")
        assert bar.current == 0


async def test_escape_closes_the_bar_and_removes_the_hits():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        bar = await find(pilot, "微软")
        first = bar.hits[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display and app.focused is view
        assert FIND not in view._layers and CURRENT not in view._layers
        backgrounds = {background(view, "transcript--find"), background(view, "transcript--find-current")}
        assert not any(style.bgcolor in backgrounds for _, style in hit_cells(view, first.start, first.end))
        await pilot.press("n")  # nothing to step through any more
        assert bar.current is None


async def test_a_simplified_query_finds_traditional_text_in_every_script_mode():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        bar = await find(pilot, "软件")
        assert [view.document.text[h.start : h.end] for h in bar.hits] == ["軟件", "軟件"]
        await pilot.press("tab", "c")  # simplified: the hit is drawn on the converted text
        await settled(pilot)
        assert view.mode == "simplified"
        hit = bar.hits[bar.current]
        drawn = hit_cells(view, hit.start, hit.end)
        assert "".join(char for char, _ in drawn) == "软件"
        assert drawn[-1][1].bgcolor == background(view, "transcript--find-current")


async def test_a_hit_after_a_conversion_that_changes_lengths_is_drawn_on_the_right_cells(tmp_path: Path):
    path = tmp_path / "udisk.txt"
    path.write_text("甲: 请插入U盘，然后打开软件。\n\n乙: 好的。\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        app.set_mode("taiwan-phrases")  # U盘 → 隨身碟: one character longer
        await settled(pilot)
        bar = await find(pilot, "軟件")  # traditional query, simplified text
        hit = bar.hits[0]
        assert view.document.text[hit.start : hit.end] == "软件"
        drawn = hit_cells(view, hit.start, hit.end)
        assert "".join(char for char, _ in drawn) == "軟體"
        assert all(style.bgcolor == background(view, "transcript--find-current") for _, style in drawn[1:])


async def test_latin_text_is_found_in_any_case():
    app = ReaderApp([GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        bar = await find(pilot, "openai")
        texts = {app.transcript.document.text[h.start : h.end] for h in bar.hits}
        assert texts == {"OpenAI"}


async def test_opening_another_document_finds_the_query_there():
    app = ReaderApp([BUILD_ZH, HANS])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        bar = await find(pilot, "微软")
        await pilot.press("tab")
        app.open_document(1)
        await settled(pilot)
        doc = app.transcript.document
        assert doc.path == HANS
        assert len(bar.hits) == doc.text.count("微软") > 0
        assert app.transcript._layers[FIND].spans[0][:2] == (bar.hits[0].start, bar.hits[0].end)
