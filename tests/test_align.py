"""Turn alignment of two versions of one interview (reader.align)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.align as module
from reader.align import (
    GAP,
    Alignment,
    _row_scores,
    align,
    band_half_width,
    counterpart,
    map_speakers,
    turn_at,
    turn_text,
    turns_of,
)
from reader.load import load_document
from reader.model import Block, Document

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "corpus" / "build-2023-brockman-scott-zh-hant.txt"  # seed 000
DE = ROOT / "corpus" / "build-2023-brockman-scott-de.txt"  # seed 001
SPEAKERS = ["Kevin Scott", "Greg Brockman"] * 5 + ["Kevin Scott"]
CHINESE_NAMES = {"Kevin Scott": "凯文", "Greg Brockman": "格雷格"}


@pytest.fixture(scope="module")
def zh() -> Document:
    return load_document(ZH)


@pytest.fixture(scope="module")
def de() -> Document:
    return load_document(DE)


def without_turn(document: Document, index: int) -> Document:
    """The document with real turn ``index`` (all its blocks) left out."""
    dropped = {id(block) for block in turns_of(document)[index].blocks}
    return replace(document, blocks=[b for b in document.blocks if id(b) not in dropped])


def renamed(document: Document, names: dict[str, str]) -> Document:
    blocks = [replace(b, speaker=names.get(b.speaker, b.speaker)) for b in document.blocks]
    return replace(document, blocks=blocks)


def make_document(turns: list[tuple[str | None, int]], language: str = "en") -> Document:
    """A document of turns (speaker, length), each "x" * length + a newline."""
    text, blocks = "", []
    for speaker, length in turns:
        blocks.append(Block("turn", len(text), len(text) + length, speaker=speaker))
        text += "x" * length + "\n"
    return Document(text=text, blocks=blocks, title="t", language=language, script=None)


def shifted(index: int, missing: int) -> int | None:
    """Where turn ``index`` of the whole version is in one missing ``missing``."""
    return None if index == missing else index if index < missing else index - 1


# --- turns -------------------------------------------------------------------------


def test_continuations_are_merged_into_their_turn(de):
    turns = turns_of(de)
    assert len(turns) == 11 == sum(1 for b in de.turns if not b.continuation)
    assert [t.speaker for t in turns] == SPEAKERS
    assert [len(t.blocks) for t in turns] == [1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1]
    assert [t.index for t in turns] == list(range(11))
    split = turns[1]
    assert split.blocks[1].continuation and split.start == split.blocks[0].start and split.end == split.blocks[1].end
    assert turn_text(de, split).startswith("In Bezug auf Infrastruktur")
    assert "\n\nWenn mir also klar wird" in turn_text(de, split)
    assert "Siehe auch" not in turn_text(de, split)  # the interruption is not part of the turn


def test_turn_length_counts_letters_and_han_characters_only():
    document = make_document([("A", 8)])
    document = replace(document, text="a, 中! 9…\n")
    assert turns_of(document)[0].length == 3


def test_a_continuation_of_another_speaker_is_a_turn_of_its_own():
    blocks = [
        Block("turn", 0, 1, "A"),
        Block("turn", 2, 3, "B", continuation=True),
        Block("turn", 4, 5, "B", continuation=True),
    ]
    document = Document(text="a\nb\nc\n", blocks=blocks, title="", language="en", script=None)
    assert [(t.speaker, len(t.blocks)) for t in turns_of(document)] == [("A", 1), ("B", 2)]


def test_turn_at_maps_an_offset_to_its_turn(de):
    turns = turns_of(de)
    split = turns[1]
    assert turn_at(turns, split.blocks[0].start) == 1
    assert turn_at(turns, split.blocks[1].end - 1) == 1
    assert turn_at(turns, split.blocks[0].end + 1) is None  # in the "Siehe auch" between the two blocks
    assert turn_at(turns, 0) is None  # the introduction
    assert turn_at(turns, turns[10].start) == 10
    assert turn_at(turns, len(de.text)) is None


# --- the seeds -----------------------------------------------------------------------


def test_seeds_000_and_001_align_eleven_turns_to_eleven(zh, de):
    alignment = align(zh, de)
    assert alignment.to_json() == [{"a": i, "b": i} for i in range(11)]
    assert alignment.speakers == {"Kevin Scott": "Kevin Scott", "Greg Brockman": "Greg Brockman"}
    turns_zh, turns_de = turns_of(zh), turns_of(de)
    assert all(turns_zh[i].speaker == turns_de[j].speaker for i, j in alignment.matched)
    assert len(alignment.matched) == 11


@pytest.mark.parametrize("missing", range(11))
def test_a_version_with_one_turn_missing_still_aligns_the_rest(zh, de, missing):
    alignment = align(zh, without_turn(de, missing))
    assert alignment.pairs == tuple((i, shifted(i, missing)) for i in range(11))
    assert counterpart(alignment, "a", missing) is None
    reverse = align(without_turn(de, missing), zh)
    assert reverse.pairs == tuple((shifted(i, missing), i) for i in range(11))


def test_a_turn_missing_from_the_file_itself(tmp_path, zh):
    """The same, through the parser: the paragraph of turn 6 is deleted."""
    paragraphs = DE.read_text("utf-8").split("\n\n")
    kept = [p for p in paragraphs if not p.startswith("Kevin Scott:Eine Sache")]
    assert len(kept) == len(paragraphs) - 1
    shorter = tmp_path / "de-short.txt"
    shorter.write_text("\n\n".join(kept), encoding="utf-8")
    alignment = align(zh, load_document(shorter))
    assert alignment.to_json() == [{"a": i, "b": shifted(i, 6)} for i in range(11)]


def test_speakers_in_another_script_are_mapped_by_their_pattern(tmp_path, de):
    text = ZH.read_text("utf-8").replace("Kevin Scott:", "凯文:").replace("Greg Brockman:", "格雷格:")
    path = tmp_path / "zh-renamed.txt"
    path.write_text(text, encoding="utf-8")
    zh_renamed = load_document(path)
    assert [t.speaker for t in turns_of(zh_renamed)] == [CHINESE_NAMES[s] for s in SPEAKERS]
    alignment = align(zh_renamed, de)
    assert alignment.pairs == tuple((i, i) for i in range(11))
    assert alignment.speakers == {"凯文": "Kevin Scott", "格雷格": "Greg Brockman"}
    assert align(de, zh_renamed).speakers == {"Kevin Scott": "凯文", "Greg Brockman": "格雷格"}


@pytest.mark.parametrize("missing", range(11))
def test_speaker_mapping_survives_a_missing_turn(zh, de, missing):
    # Without turn 0 the German version opens with the other speaker: the
    # shares of text, not the order of appearance, tell the speakers apart.
    zh_renamed = renamed(zh, CHINESE_NAMES)
    alignment = align(zh_renamed, without_turn(de, missing))
    assert alignment.speakers == {"凯文": "Kevin Scott", "格雷格": "Greg Brockman"}
    assert alignment.pairs == tuple((i, shifted(i, missing)) for i in range(11))


def test_equal_names_are_matched_case_and_width_insensitively():
    a = make_document([("KEVIN  SCOTT", 5), ("Ｇｒｅｇ", 5)])
    b = make_document([("kevin scott", 5), ("greg", 5)])
    assert map_speakers(turns_of(a), turns_of(b)) == {"KEVIN  SCOTT": "kevin scott", "Ｇｒｅｇ": "greg"}


def test_a_speaker_only_one_version_has_is_left_unmapped():
    a = make_document([("A", 10), ("B", 20), ("C", 5), ("A", 10), ("B", 20)])
    b = make_document([("A", 10), ("B", 20), ("A", 10), ("B", 20)])
    alignment = align(a, b)
    assert alignment.speakers == {"A": "A", "B": "B"}
    assert alignment.pairs == ((0, 0), (1, 1), (2, None), (3, 2), (4, 3))


def test_extra_turns_on_both_sides():
    a = make_document([("A", 10), ("B", 30), ("A", 5), ("B", 40), ("A", 20)])
    b = make_document([("X", 10), ("Y", 30), ("Y", 40), ("X", 20), ("Y", 9)])
    alignment = align(a, b)
    assert alignment.speakers == {"A": "X", "B": "Y"}
    assert alignment.pairs == ((0, 0), (1, 1), (2, None), (3, 2), (4, 3), (None, 4))


def test_shares_are_measured_again_without_the_missing_turn():
    # Without turn 6 every share in B is 350/2250 larger, and C 350 looks
    # like C 300 in B; against the matched turns alone, C 300 is C 300.
    turns = [(speaker, 50 * (k + 1)) for k, speaker in enumerate("AAAAACCAA")]
    shorter = [t for k, t in enumerate(turns) if k != 6]
    alignment = align(make_document(turns), make_document(shorter))
    assert alignment.pairs == tuple((i, shifted(i, 6)) for i in range(9))


def test_empty_documents():
    empty, some = make_document([]), make_document([("A", 3), ("B", 4)])
    assert align(empty, empty).pairs == ()
    assert align(some, empty).pairs == ((0, None), (1, None))
    assert align(empty, some).pairs == ((None, 0), (None, 1))


# --- counterpart ---------------------------------------------------------------------


def test_counterpart_in_both_directions(zh, de):
    alignment = align(zh, without_turn(de, 4))
    assert counterpart(alignment, "a", 3) == 3 and counterpart(alignment, "a", 5) == 4
    assert counterpart(alignment, "b", 4) == 5
    assert counterpart(alignment, "a", 4) is None
    assert counterpart(alignment, "a", 4, nearest=True) == 3  # the turn before has one
    assert counterpart(alignment, "a", 99) is None and counterpart(alignment, "b", -1) is None
    with pytest.raises(ValueError):
        counterpart(alignment, "c", 0)  # type: ignore[arg-type]


def test_nearest_counterpart_at_the_start_looks_ahead():
    alignment = Alignment(((0, None), (1, None), (2, 0)), {}, 0.0)
    assert counterpart(alignment, "a", 0) is None
    assert counterpart(alignment, "a", 0, nearest=True) == 0
    assert counterpart(Alignment(((0, None),), {}, 0.0), "a", 0, nearest=True) is None


# --- size --------------------------------------------------------------------------


def test_long_documents_are_aligned_in_a_band():
    speakers = ["A", "B", "C", "B"]
    turns = [(speakers[k % 4], 5 + (k * 37) % 91) for k in range(1_500)]
    assert band_half_width(1_500, 1_497) < 1_500  # the band, not the whole table
    full = make_document(turns)
    missing = {10, 700, 1_400}
    shorter = make_document([t for k, t in enumerate(turns) if k not in missing])
    alignment = align(full, shorter)
    assert [a for a, b in alignment.pairs if b is None] == sorted(missing)
    assert len(alignment.matched) == 1_497
    assert align(full, full).pairs == tuple((i, i) for i in range(1_500))


# --- properties --------------------------------------------------------------------

turn_lists = st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]), st.integers(0, 300)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(turn_lists)
def test_aligning_a_document_with_itself_is_the_identity(turns):
    document = make_document(turns)
    alignment = align(document, document)
    assert alignment.pairs == tuple((i, i) for i in range(len(turns)))


@settings(max_examples=300, deadline=None)
@given(turn_lists, turn_lists)
def test_every_turn_of_each_side_appears_once_in_order(a, b):
    alignment = align(make_document(a), make_document(b, language="de"))
    assert [i for i, _ in alignment.pairs if i is not None] == list(range(len(a)))
    assert [j for _, j in alignment.pairs if j is not None] == list(range(len(b)))
    assert all(pair != (None, None) for pair in alignment.pairs)
    for i, j in alignment.matched:
        assert counterpart(alignment, "a", i) == j and counterpart(alignment, "b", j) == i


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 300), min_size=1, max_size=40), st.sampled_from(["A", "B"]), st.data())
def test_any_turn_missing_from_a_dialogue_is_found(lengths, opener, data):
    # Two speakers taking turns, as in an interview: the missing turn leaves
    # two turns of one speaker in a row, so it is never ambiguous.
    other = {"A": "B", "B": "A"}
    turns = [(opener if k % 2 == 0 else other[opener], n) for k, n in enumerate(lengths)]
    missing = data.draw(st.integers(0, len(turns) - 1))
    shorter = [t for k, t in enumerate(turns) if k != missing]
    alignment = align(make_document(turns), make_document(shorter, language="de"))
    assert alignment.pairs == tuple((i, shifted(i, missing)) for i in range(len(turns)))


def reference_score(keys_a, shares_a, keys_b, shares_b) -> float:
    """The optimum the plain textbook recurrence finds, for comparison."""
    table = [[j * GAP for j in range(len(keys_b) + 1)]]
    for i, (key, share) in enumerate(zip(keys_a, shares_a), start=1):
        scores = _row_scores(key, share, keys_b, shares_b)
        row = [i * GAP]
        for j in range(1, len(keys_b) + 1):
            row.append(max(table[-1][j - 1] + scores[j - 1], table[-1][j] + GAP, row[-1] + GAP))
        table.append(row)
    return table[-1][-1]


def score_of(pairs, keys_a, shares_a, keys_b, shares_b) -> float:
    return sum(
        GAP if a is None or b is None else _row_scores(keys_a[a], shares_a[a], [keys_b[b]], [shares_b[b]])[0]
        for a, b in pairs
    )


keyed = st.lists(st.tuples(st.integers(-1, 2), st.floats(0, 1)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(keyed, keyed, st.integers(0, 200))
def test_the_table_finds_the_optimum_and_the_band_a_valid_alignment(a, b, max_cells):
    keys_a, shares_a = [k for k, _ in a], [s for _, s in a]
    keys_b, shares_b = [max(k, 0) for k, _ in b], [s for _, s in b]  # B's keys are >= 0
    pairs, score = module._needleman_wunsch(keys_a, shares_a, keys_b, shares_b)
    assert score == pytest.approx(reference_score(keys_a, shares_a, keys_b, shares_b))
    assert score == pytest.approx(score_of(pairs, keys_a, shares_a, keys_b, shares_b))
    with mock.patch.object(module, "MAX_CELLS", max_cells), mock.patch.object(module, "BAND_SLACK", 1):
        pairs, score = module._needleman_wunsch(keys_a, shares_a, keys_b, shares_b)
    assert [i for i, _ in pairs if i is not None] == list(range(len(a)))
    assert [j for _, j in pairs if j is not None] == list(range(len(b)))
    assert score == pytest.approx(score_of(pairs, keys_a, shares_a, keys_b, shares_b))


def test_names_that_fold_together_are_left_to_the_pattern():
    a = make_document([("Host", 10), ("HOST", 50), ("Host", 10), ("HOST", 50)])
    b = make_document([("host", 10), ("Guest", 50), ("host", 10), ("Guest", 50)])
    assert map_speakers(turns_of(a), turns_of(b)) == {"Host": "host", "HOST": "Guest"}
