"""Live script conversion in the reader (issue 3), asserted on what is drawn.

For the three Chinese seeds and every mode ``c`` steps through (and the
phrase modes, which change lengths): the transcript's rendered strips read
as OpenCC's conversion of the source; a span drawn from source offsets
covers exactly the converted word; every other pane follows; the mode is
remembered between runs, globally and pinned per document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.style import Style

from reader.convert import CYCLE, convert_mapped, mode_named
from reader.resources import corpus_dir
from reader.settings import settings_path
from reader.ui.app import ReaderApp
from reader.ui.commands import ReaderCommands
from reader.ui.documents.doclist import DocumentList
from reader.ui.script import display as script
from reader.ui.status import StatusBar
from reader.ui.transcript.lines import TEXT
from reader.ui.transcript.view import GUTTER, TranscriptView

SIZE = (200, 50)
SEEDS = {
    "000": corpus_dir() / "build-2023-brockman-scott-zh-hant.txt",
    "002": corpus_dir() / "kevin-scott-no-priors-zh-hans.txt",
    "003": corpus_dir() / "altman-dealbook-2024-zh-hant-tw.txt",
}
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"
MARK = Style(bgcolor="#ff0000")

# A word per seed and what each mode must show for it; the phrase modes
# change its length (軟件 → 軟體 keeps two, 使用者 → 用户 loses one).
WORDS = {
    "000": ("軟件", {"original": "軟件", "simplified": "软件", "traditional": "軟件", "taiwan": "軟件",
                     "hongkong": "軟件", "taiwan-phrases": "軟體"}),
    "002": ("软件", {"original": "软件", "simplified": "软件", "traditional": "軟件", "taiwan": "軟件",
                     "hongkong": "軟件", "taiwan-phrases": "軟體"}),
    "003": ("使用者", {"original": "使用者", "simplified": "使用者", "traditional": "使用者", "taiwan": "使用者",
                      "hongkong": "使用者", "taiwan-phrases": "使用者", "simplified-phrases": "用户"}),
}  # fmt: skip
# Characters that must change in the character modes, per seed.
CHANGES = {
    "000": {"original": "這", "simplified": "这", "traditional": "這"},
    "002": {"original": "这", "simplified": "这", "traditional": "這", "taiwan": "這", "hongkong": "這"},
    "003": {"original": "這種情況", "simplified": "这种情况", "traditional": "這種情況"},
}
CASES = [(seed, mode) for seed in SEEDS for mode in WORDS[seed][1]]


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()  # the panes redraw the frame after a switch


def row_text(view: TranscriptView, y: int) -> str:
    """A rendered row of the transcript, without the gutter."""
    return "".join(segment.text for segment in view.render_line(y))[GUTTER:].rstrip()


def visible_text_of(view: TranscriptView, block: int) -> str:
    """The block's text as drawn on screen, rows joined, blanks dropped."""
    layout, top = view.layout_model, round(view.scroll_y)
    lines = [(y, layout.line(top + y)) for y in range(view.size.height)]
    rows = [y for y, line in lines if line is not None and line.block == block and line.role == TEXT]
    return re.sub(r"\s", "", "".join(row_text(view, y) for y in rows))


def marked_text(view: TranscriptView) -> str:
    """Every character on screen painted with MARK's background."""
    return "".join(
        segment.text
        for y in range(view.size.height)
        for segment in view.render_line(y)
        if segment.style is not None and segment.style.bgcolor == MARK.bgcolor
    )


def expected_text(source: str, mode: str) -> str:
    config = mode_named(mode).config
    return source if config is None else convert_mapped(source, config).text


async def show_word(pilot, view: TranscriptView, word: str) -> tuple[int, int, int]:
    """Put the first turn holding ``word`` on screen; (block, start, end) of the word."""
    doc = view.document
    index, block = next((i, b) for i, b in enumerate(doc.blocks) if word in doc.block_text(b) and b.kind == "turn")
    start = block.start + doc.block_text(block).index(word)
    view.jump_to_block(index)
    await pilot.pause()
    layout = view.layout_model
    row = next(y for y in range(layout.start(index), layout.end(index)) if layout.line(y).end > start)
    view.set_scroll_y(max(0, row - 2))  # the word's line near the top, whatever the block's length
    await pilot.pause()
    return index, start, start + len(word)


@pytest.mark.parametrize(("seed", "mode"), CASES)
async def test_every_mode_shows_the_opencc_conversion_and_spans_stay_on_their_word(seed, mode):
    word, shown_as = WORDS[seed]
    app = ReaderApp([SEEDS[seed]])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        block, start, end = await show_word(pilot, view, word)
        view.set_spans("test", [(start, end, MARK)])
        app.set_mode(mode)
        await pilot.pause()
        assert view.mode == mode
        doc = view.document
        source = doc.block_text(doc.blocks[block])
        drawn = visible_text_of(view, block)
        expected = re.sub(r"\s", "", expected_text(source, mode))
        assert len(drawn) > 20 and expected.find(drawn) != -1  # what is on screen is a run of the conversion
        assert shown_as[mode] in drawn
        # the span drawn from source offsets covers exactly the converted word
        assert marked_text(view) == shown_as[mode]


@pytest.mark.parametrize("seed", list(CHANGES))
async def test_c_steps_through_the_cycle_and_changes_the_visible_text(seed):
    app = ReaderApp([SEEDS[seed]])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        await pilot.press("right_square_bracket")
        await pilot.pause()
        block = view.cursor
        source = view.document.block_text(view.document.blocks[block])
        for expected_mode in [*(m.name for m in CYCLE[1:]), "original"]:
            await pilot.press("c")
            await pilot.pause()
            assert view.mode == expected_mode
            drawn = visible_text_of(view, block)
            assert re.sub(r"\s", "", expected_text(source, expected_mode)).startswith(drawn)
            label = mode_named(expected_mode).label
            assert f"script: {label}" in str(app.query_one(StatusBar).render())
        for mode, text in CHANGES[seed].items():
            app.set_mode(mode)
            await pilot.pause()
            assert text in "".join(row_text(view, y) for y in range(view.size.height)), (mode, text)


async def test_every_pane_shows_document_text_in_the_mode():
    tw, hans = SEEDS["003"], SEEDS["002"]
    app = ReaderApp([tw, hans, GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        german_entry = str(app.query_one(DocumentList).options[2].prompt)
        app.set_mode("simplified")
        await ready(pilot)
        entries = [str(option.prompt) for option in app.query_one(DocumentList).options]
        assert entries[0].startswith("OpenAI最新互动资料,就这么水灵灵被奥特曼全抖出来了")
        assert "奥特曼" in entries[0]  # the speaker line
        assert entries[1].startswith("对谈Kevin Scott")
        assert entries[2] == german_entry  # not Chinese: left alone
        assert app.sub_title.startswith("OpenAI最新互动资料")
        assert "OpenAI最新互动资料" in str(app.query_one(StatusBar).render())
        outline = [str(option.prompt) for option in app.query_one("#outline").options]
        assert "不曾预料" in outline[0]
        assert "奥特曼" in str(app.query_one("#legend").render())
        texts = [text for text, _, _ in ReaderCommands(app.screen).commands()]
        assert "Open: OpenAI最新互动资料,就这么水灵灵被奥特曼全抖出来了" in texts
        assert any(t.startswith("Go to: Topic 1:不曾预料") for t in texts)
        app.set_mode("traditional")
        await ready(pilot)
        entries = [str(option.prompt) for option in app.query_one(DocumentList).options]
        assert entries[1].startswith("對談Kevin Scott")
        assert "奧特曼" in str(app.query_one("#legend").render())


async def test_the_display_helper_and_the_signal_follow_the_mode():
    app = ReaderApp([SEEDS["002"], GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen: list[str] = []
        app.script_changed.subscribe(app.transcript, seen.append, immediate=True)
        assert script.display(app.transcript, "这\x1b[2J") == "这␛[2J"  # sanitised, original
        app.set_mode("traditional")
        await pilot.pause()
        assert seen == ["traditional"]
        assert script.display(app.transcript, "这是软件") == "這是軟件"
        assert script.display(app.transcript, "这是软件", mode="original") == "这是软件"  # a quote as written
        german = app.documents[1]
        assert script.display(app, "这", german) == "这"  # text of a document that is not Chinese


async def test_the_mode_is_remembered_between_runs():
    async with ReaderApp([SEEDS["002"]]).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c", "c")
        await pilot.pause()
        assert pilot.app.transcript.mode == "traditional"
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["script_mode"] == "traditional"
    app = ReaderApp([SEEDS["002"]])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.transcript.mode == "traditional"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "這" in visible_text_of(app.transcript, app.transcript.cursor)


def status(app: ReaderApp) -> str:
    return str(app.query_one(StatusBar).render())


async def test_a_pinned_document_keeps_its_own_mode():
    hans, tw = SEEDS["002"], SEEDS["003"]
    async with ReaderApp([hans, tw]).run_test(size=SIZE) as pilot:
        app = pilot.app
        await ready(pilot)
        await pilot.press("c")  # global: simplified
        await pilot.press("C")  # this document: pinned to simplified
        await pilot.pause()
        assert "pinned to this document" in status(app)
        await pilot.press("c")  # changes the pin, not the global mode
        await pilot.pause()
        assert app.transcript.mode == "traditional"
        app.open_document(1)
        await ready(pilot)
        assert app.transcript.mode == "simplified" and "pinned" not in status(app)
        assert str(app.query_one(DocumentList).options[0].prompt).startswith("對談")  # each title in its own mode
        app.open_document(0)
        await ready(pilot)
        assert app.transcript.mode == "traditional" and "pinned to this document" in status(app)
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["script_mode"] == "simplified"
    assert saved["document_modes"] == {str(hans.resolve()): "traditional"}

    app = ReaderApp([hans, tw])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.transcript.mode == "traditional"  # the pin overrides the global mode
        texts = [text for text, _, _ in ReaderCommands(app.screen).commands()]
        assert "Script: unpin this document" in texts
        await pilot.press("C")  # unpin: back to the global mode
        await pilot.pause()
        assert app.transcript.mode == "simplified" and "pinned" not in status(app)
        await pilot.press("c")
        await pilot.pause()
        app.open_document(1)
        await ready(pilot)
        assert app.transcript.mode == "traditional"  # the document follows the global mode again


async def test_an_unknown_mode_in_the_settings_means_the_original(isolated_home: Path):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"script_mode": "klingon", "document_modes": {"/x": 3}}), encoding="utf-8")
    app = ReaderApp([SEEDS["002"]])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.transcript.mode == "original"
        await pilot.press("c")
        assert app.transcript.mode == "simplified"


async def test_a_german_document_says_it_is_shown_as_is():
    app = ReaderApp([GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = [row_text(app.transcript, y) for y in range(app.transcript.size.height)]
        for _ in range(len(CYCLE) - 1):
            await pilot.press("c")
            await pilot.pause()
            assert "not Chinese: shown as is" in status(app)
            assert [row_text(app.transcript, y) for y in range(app.transcript.size.height)] == before


async def test_a_switch_reuses_the_layout_estimates_and_converts_only_near_the_screen():
    """What keeps a switch in a 10 MB file within 50 ms (bench/bench_script_switch.py):
    the line estimates of every block are kept, and only blocks near the
    screen are converted and wrapped again."""
    from tests.test_ui_app import big_document

    app = ReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.transcript
        doc = big_document(20_000)
        doc.language, doc.script = "zh", "hans"  # let every mode convert it
        view.set_document(doc, {})
        await pilot.pause()
        before = view.layout_model
        app.set_mode("traditional")
        await pilot.pause()
        after = view.layout_model
        assert after is not before and after.estimates is before.estimates
        assert sum(after.exact) < 200
