"""Selecting with the mouse: click, drag, double and triple click, on
double-width characters and in a script mode that changes lengths."""

from __future__ import annotations

from rich.cells import cell_len
from test_ui_highlights import (
    FIRST_TURN,
    HANS,
    SENTENCE,
    SIZE,
    at_sentence,
    press,
    ready,
    tinted,
    view_of,
)

from reader.ui.app import ReaderApp
from reader.ui.transcript.lines import TEXT
from reader.ui.transcript.reading import ReadingView, char_at_cell

# Widget offsets: the border takes row 0; border, padding and gutter take 4 columns.
LEFT, TOP = 4, 1


def row_of(view: ReadingView, block: int, dstart: int = 0) -> int:
    """The screen row of the text line of ``block`` starting at display offset ``dstart``."""
    top = round(view.scroll_y)
    for y in range(view.size.height):
        line = view.layout_model.line(top + y)
        if line is not None and line.block == block and line.role == TEXT and line.dstart <= dstart < line.dend:
            return y
    raise AssertionError(f"block {block} is not on screen")


def cell_of(view: ReadingView, y: int, char: int) -> int:
    line = view.layout_model.line(round(view.scroll_y) + y)
    return cell_len(line.text[:char])


def test_char_at_cell_counts_cells():
    assert [char_at_cell("a可b", cell) for cell in range(5)] == [0, 1, 1, 2, 3]
    assert char_at_cell("abc", -2) == 0


async def test_a_click_puts_the_cursor_on_the_character_under_it_either_half():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket")
        block = view.document.blocks[FIRST_TURN]
        y = row_of(view, FIRST_TURN)
        for n, half in ((3, 0), (5, 1), (0, 1)):
            await pilot.click(ReadingView, offset=(LEFT + 2 * n + half, TOP + y))
            await pilot.pause()
            assert view.caret.position == block.start + n, (n, half)
            assert view.caret.selection is None


async def test_double_click_selects_a_word_and_triple_click_the_turn():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket")
        block = view.document.blocks[FIRST_TURN]
        y = row_of(view, FIRST_TURN)
        await pilot.double_click(ReadingView, offset=(LEFT + 4, TOP + y))
        await pilot.pause()
        start, end = view.caret.selection
        assert view.document.text[start:end] == "可以从你的故事开始吗"  # a CJK run, up to the ?
        assert app.screen.get_selected_text() is None  # not Textual's select-all
        await pilot.triple_click(ReadingView, offset=(LEFT + 4, TOP + y))
        await pilot.pause()
        assert view.caret.selection == (block.start, block.end)
        await press(pilot, "h")
        assert tinted(view) == view.document.block_text(block)


async def test_dragging_selects_and_h_highlights_exactly_that():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        await press(pilot, "right_square_bracket")
        block = view.document.blocks[FIRST_TURN]
        y = row_of(view, FIRST_TURN)
        await pilot.mouse_down(ReadingView, offset=(LEFT + 2 * 2, TOP + y))
        # Textual's selection takes in the character under the pointer
        await pilot.hover(ReadingView, offset=(LEFT + 2 * 6, TOP + y))
        await pilot.mouse_up(ReadingView, offset=(LEFT + 2 * 6, TOP + y))
        await pilot.pause()
        assert view.caret.selection == (block.start + 2, block.start + 7)
        await press(pilot, "h")
        assert tinted(view) == "从你的故事"
        assert app.screen.get_selected_text() is None  # the mouse selection is spent


async def test_clicks_land_on_the_right_source_offset_where_a_phrase_changed_length():
    app = ReaderApp([HANS])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = await at_sentence(pilot)
        app.set_mode("taiwan-phrases")  # 首席技术官 (5) → 技術長 (3)
        await pilot.pause()
        doc = view.document
        target = doc.text.index("这是一个", view.caret.position)
        top = round(view.scroll_y)
        for y in range(view.size.height):
            line = view.layout_model.line(top + y)
            if line is not None and line.role == TEXT and "這是一個" in line.text:
                break
        else:
            raise AssertionError("the converted sentence is not on screen")
        x = cell_of(view, y, line.text.index("這是一個"))
        await pilot.click(ReadingView, offset=(LEFT + x, TOP + y))
        await pilot.pause()
        assert view.caret.position == target
        await press(pilot, "v", "right", "right", "right", "h")
        assert tinted(view) == "這是一個"
        assert SENTENCE.endswith(doc.text[target : target + 4] + "怎样的过程?")
