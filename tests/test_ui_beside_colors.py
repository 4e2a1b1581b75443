"""Reading beside: the same person is painted in the same colour in both
panes, whatever name each version gives them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from reader.load import load_document
from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.beside.actions import colors_beside
from reader.ui.documents.docinfo import speaker_colors
from reader.ui.script import display as script
from reader.ui.transcript import colors
from reader.ui.transcript.view import TranscriptView
from tests.pilot import settled

SIZE = (160, 40)
ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
DE = corpus_dir() / "build-2023-brockman-scott-de.txt"
KEVIN, GREG = "凱文·斯科特", "格雷格·布羅克曼"


def renamed(source: Path, folder: Path, names: dict[str, str]) -> Path:
    """A copy of ``source`` whose turns are spoken by other names."""
    text = source.read_text(encoding="utf-8")
    for old, new in names.items():
        assert f"\n{old}:" in text
        text = text.replace(f"\n{old}:", f"\n{new}:")
    path = folder / source.name
    path.write_text(text, encoding="utf-8")
    return path


def chinese_names(tmp_path: Path) -> Path:
    """The Chinese version with its speakers' names in Chinese too."""
    return renamed(ZH, tmp_path, {"Kevin Scott": KEVIN, "Greg Brockman": GREG})


def painted_names(view: TranscriptView, names: set[str], found: dict[str, set]) -> None:
    """Add the foreground colour of every name painted on ``view``'s screen
    (a speaker's label) to ``found[name]``."""
    for y in range(view.size.height):
        for segment in view.render_line(y):
            if segment.text.strip() in names:
                found[segment.text.strip()].add(segment.style.color)


async def colours_on_screen(pilot, left_names: set[str], right_names: set[str]) -> tuple[dict, dict]:
    """The colours each speaker's name is painted in, in each pane, going
    through the first turns with ``]`` (the right pane follows)."""
    app = pilot.app
    await settled(pilot)
    await pilot.press("B")
    await settled(pilot)
    pane = app.beside_pane
    assert pane is not None and app._sync is not None
    left, right = defaultdict(set), defaultdict(set)
    for _ in range(6):
        painted_names(app.transcript, left_names, left)
        painted_names(pane, right_names, right)
        await pilot.press("right_square_bracket")
        await pilot.pause()
    assert set(left) == left_names and set(right) == right_names, "every speaker's label was on screen"
    return left, right


@pytest.mark.parametrize("chinese", ["bundled", "names in Chinese"])
async def test_the_same_person_has_the_same_colour_in_both_panes(tmp_path: Path, chinese: str):
    zh = ZH if chinese == "bundled" else chinese_names(tmp_path)
    kevin, greg = ("Kevin Scott", "Greg Brockman") if chinese == "bundled" else (KEVIN, GREG)
    if chinese != "bundled":  # the case that needs the mapping: each pane alone colours them differently
        own_left, own_right = speaker_colors(load_document(zh)), speaker_colors(load_document(DE))
        assert own_left[kevin] != own_right["Kevin Scott"] and own_left[greg] != own_right["Greg Brockman"]
    app = ReaderApp([zh, DE])
    async with app.run_test(size=SIZE) as pilot:
        left, right = await colours_on_screen(pilot, {kevin, greg}, {"Kevin Scott", "Greg Brockman"})
        # each name in one colour (the current turn's label is the same colour in reverse)
        assert all(len(found) == 1 for found in (*left.values(), *right.values())), (left, right)
        assert left[kevin] == right["Kevin Scott"] and None not in left[kevin]
        assert left[greg] == right["Greg Brockman"]
        assert left[kevin] != left[greg] and right["Kevin Scott"] != right["Greg Brockman"]
        # the left pane keeps its own colours
        assert {c.name for c in left[kevin]} == {speaker_colors(app.transcript.document)[kevin]}


def test_a_speaker_without_a_counterpart_avoids_the_colours_of_the_left(tmp_path: Path):
    left = speaker_colors(load_document(chinese_names(tmp_path)))
    # a German speaker whose own colour is the one the left gives Kevin Scott
    size, fold = len(colors.PALETTE), script.fold_to_simplified
    stranger = next(
        name for k in range(1, 500)
        if colors.PALETTE[colors.home_slot(name := f"Sprecher {k}", size, fold)] == left[KEVIN]
    )
    (tmp_path / "de").mkdir()
    de = load_document(renamed(DE, tmp_path / "de", {"Greg Brockman": stranger}))
    assert speaker_colors(de)[stranger] == left[KEVIN]
    found = colors_beside(de, left, {KEVIN: "Kevin Scott", GREG: None})
    assert found["Kevin Scott"] == left[KEVIN]
    assert found[stranger] not in left.values()
    # unmapped and free: its own colour
    assert colors_beside(de, {KEVIN: left[KEVIN]}, {})["Kevin Scott"] == speaker_colors(de)["Kevin Scott"]
