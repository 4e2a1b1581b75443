"""Reading beside, the parts without a screen: turn maps, where the other
pane goes, highlights mapped to the other version, pairs by index."""

from __future__ import annotations

import pytest

from reader.align import align, turns_of
from reader.load import load_document
from reader.model import Block, Document
from reader.resources import corpus_dir
from reader.ui.beside.actions import quote_tag, turn_quote
from reader.ui.beside.pairs import REMEMBERED, SUGGESTED, PairIndex, suggest
from reader.ui.beside.sync import (
    Target,
    between,
    counterpart_spans,
    find_target,
    follower_top,
    turn_map,
    turn_of,
    without,
)

ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
DE = corpus_dir() / "build-2023-brockman-scott-de.txt"


@pytest.fixture(scope="module")
def zh() -> Document:
    return load_document(ZH)


@pytest.fixture(scope="module")
def de() -> Document:
    return load_document(DE)


def without_turn(doc: Document, missing: int) -> Document:
    """``doc`` with one real turn cut out of its text and blocks."""
    turn = turns_of(doc)[missing]
    cut_start, cut_end = turn.start, turn.end
    size = cut_end - cut_start
    blocks = []
    for block in doc.blocks:
        if cut_start <= block.start < cut_end:
            continue
        shift = size if block.start >= cut_end else 0
        blocks.append(Block(block.kind, block.start - shift, block.end - shift, block.speaker, continuation=block.continuation))
    text = doc.text[:cut_start] + doc.text[cut_end:]
    return Document(text=text, blocks=blocks, title=doc.title, language=doc.language, script=doc.script)


def test_a_turn_map_puts_interruptions_inside_their_turn(de):
    tmap = turn_map(de)
    assert len(tmap.turns) == 11
    # German turn 1 is block 6, web boilerplate (7), and its continuation (8)
    assert (tmap.first[1], tmap.last[1]) == (6, 8)
    assert tmap.of_block[6:9] == [1, 1, 1]
    assert tmap.of_block[0] is None and tmap.of_block[5] == 0


def test_blocks_between_turns_have_no_turn(de):
    tmap = turn_map(de)
    assert turn_of(tmap, 0) is None  # the introduction
    assert turn_of(tmap, 7) == 1  # boilerplate inside turn 1
    assert turn_of(tmap, len(de.blocks) - 1) is None  # closing boilerplate
    assert turn_of(tmap, len(de.blocks)) is None


def test_text_between_turns_maps_in_proportion():
    # an introduction of 40 lines against one of 10: the top is the top, the middle the middle
    assert between(0, (0, 0), (40, 10)) == 0
    assert between(20, (0, 0), (40, 10)) == 5
    assert between(40, (0, 0), (40, 10)) == 10
    assert between(7, (7, 3), (7, 9)) == 3  # nothing between: the near edge


def test_the_follower_lines_up_the_tops_of_the_turns():
    # the driver's turn starts 5 lines below its top line: so does the counterpart
    assert follower_top(100, (105, 120), (300, 340)) == 295


def test_inside_a_scrolled_turn_the_follower_keeps_the_proportion():
    # 5 of 10 lines of the driver's turn are above the screen: 20 of 40
    assert follower_top(105, (100, 110), (300, 340)) == 320
    # past the turn (closing text): line for line after it
    assert follower_top(113, (100, 110), (300, 340)) == 343


def test_a_missing_turn_lines_up_with_the_edge_of_its_neighbour(zh, de):
    alignment = align(zh, without_turn(de, 5))
    assert find_target(alignment, "a", 4) == Target(4, True, False)
    assert find_target(alignment, "a", 5) == Target(4, False, True)  # after turn 4's counterpart
    assert find_target(alignment, "a", 6) == Target(5, True, False)
    assert find_target(alignment, "a", 10) == Target(9, True, False)


def test_a_highlight_marks_the_aligned_turn_of_the_other_version(zh, de):
    a, b = turn_map(zh), turn_map(de)
    alignment = align(zh, de)
    turn = a.turns[3]
    marks = counterpart_spans([(turn.start + 2, turn.start + 9, "green")], a, b, alignment, "a")
    assert marks == [(block.start, block.end, "green") for block in b.turns[3].blocks]
    # and back: a highlight in German turn 1 (three blocks) marks Chinese turn 1
    german = b.turns[1].blocks[-1]
    assert counterpart_spans([(german.start, german.start + 5, "pink")], b, a, alignment, "b") == [
        (a.turns[1].start, a.turns[1].end, "pink")
    ]


def test_a_highlight_across_two_turns_marks_both_and_outside_turns_nothing(zh, de):
    a, b = turn_map(zh), turn_map(de)
    alignment = align(zh, de)
    across = (a.turns[2].end - 3, a.turns[3].start + 3, "blue")
    marks = counterpart_spans([across], a, b, alignment, "a")
    assert {m[:2] for m in marks} == {(x.start, x.end) for t in (2, 3) for x in b.turns[t].blocks}
    intro = zh.blocks[0]
    assert counterpart_spans([(intro.start, intro.end, "blue")], a, b, alignment, "a") == []


def test_a_highlight_in_a_turn_the_other_version_lacks_marks_nothing(zh, de):
    short = without_turn(de, 5)
    a, b = turn_map(zh), turn_map(short)
    turn = a.turns[5]
    assert counterpart_spans([(turn.start, turn.end, "red")], a, b, align(zh, short), "a") == []


def test_the_seeds_pair_up_by_index_and_remembered_pairs_come_first(tmp_path, zh, de):
    other = load_document(corpus_dir() / "kevin-scott-no-priors-zh-hans.txt")
    found = suggest([(0, other), (1, zh), (2, de)])
    assert list(found) == [frozenset((1, 2))] and found[frozenset((1, 2))] > 0.7
    index = PairIndex([other.path, zh.path, de.path], store=tmp_path / "pairs.json")
    index.suggested = found
    assert index.counterparts(1) == [(2, SUGGESTED)]
    assert index.remember(1, 0) is None
    assert index.counterparts(1) == [(0, REMEMBERED), (2, SUGGESTED)]
    assert index.paired() == {0, 1, 2}
    again = PairIndex([other.path, zh.path, de.path], store=tmp_path / "pairs.json")
    assert again.load_remembered() is None and again.remembered == {frozenset((0, 1))}


def test_suggesting_stops_when_asked(zh, de):
    assert suggest([(0, zh), (1, de)], stop=lambda: True) == {}


def test_quote_tags_follow_the_script_shown(zh, de):
    assert quote_tag(zh, None) == "zh-Hant"
    assert quote_tag(zh, "t2s") == "zh-Hans"
    assert quote_tag(zh, "s2tw") == "zh-Hant"
    assert quote_tag(de, None) == "de"


class FakeView:
    def __init__(self, doc: Document, cursor: int) -> None:
        self.document, self.cursor, self.config = doc, cursor, None


def test_a_turn_is_quoted_whole_with_its_speaker_and_title(zh, de):
    quote = turn_quote(FakeView(de, 8), turn_map(de))  # the continuation block of turn 1
    assert quote.startswith("„In Bezug auf Infrastruktur")
    assert "Wenn mir also klar wird" in quote  # the continuation is part of the turn
    assert "Siehe auch" not in quote  # the web chrome between is not
    assert quote.endswith(f"— Greg Brockman, {de.title}")
    assert turn_quote(FakeView(zh, 7), turn_map(zh)).startswith("「非常感謝")


def test_a_faint_mark_leaves_the_turns_own_highlights_uncovered():
    assert without([(0, 100, "green")], [(10, 20), (15, 30), (90, 120)]) == [(0, 10, "green"), (30, 90, "green")]
    assert without([(0, 10, "red")], [(10, 20)]) == [(0, 10, "red")]
    assert without([(5, 8, "red")], [(0, 20)]) == []
