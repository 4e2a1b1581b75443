"""Pairs of versions: suggested from their structure, remembered when chosen
(reader.pairs)."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.align import turns_of
from reader.load import load_document
from reader.model import Block, Document
from reader.pairs import (
    SUGGEST_THRESHOLD,
    forget_pair,
    pair_score,
    pairs_path,
    remember_pair,
    remembered_pairs,
    suggest_pairs,
)
from reader.paths import data_dir
from reader.resources import bundled_documents

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "corpus" / "build-2023-brockman-scott-zh-hant.txt"  # seed 000
DE = ROOT / "corpus" / "build-2023-brockman-scott-de.txt"  # seed 001


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return [load_document(p) for p in bundled_documents()]


@pytest.fixture(scope="module")
def zh() -> Document:
    return load_document(ZH)


@pytest.fixture(scope="module")
def de() -> Document:
    return load_document(DE)


def with_lengths(document: Document, lengths: list[int]) -> Document:
    """A document with the speakers of ``document``'s turns, in order, and
    turns of the given lengths (a conversation with the same structure of
    speakers but different speech)."""
    text, blocks = "", []
    for turn, length in zip(turns_of(document), lengths):
        blocks.append(Block("turn", len(text), len(text) + length, speaker=turn.speaker))
        text += "x" * length + "\n"
    return replace(document, text=text, blocks=blocks, path=Path("/elsewhere.txt"))


# --- suggested ---------------------------------------------------------------------


def test_the_seeds_are_suggested_and_nothing_else_in_the_corpus(corpus):
    pairs = suggest_pairs(corpus)
    assert [{p.a_path.name, p.b_path.name} for p in pairs] == [{ZH.name, DE.name}]
    assert pairs[0].score >= SUGGEST_THRESHOLD


def test_every_other_corpus_pair_scores_below_the_threshold(corpus):
    for a, b in itertools.combinations(corpus, 2):
        if {a.path.name, b.path.name} != {ZH.name, DE.name}:
            assert pair_score(a, b) < SUGGEST_THRESHOLD, (a.path.name, b.path.name)
            assert pair_score(b, a) < SUGGEST_THRESHOLD, (b.path.name, a.path.name)


@pytest.mark.parametrize("missing", range(11))
def test_a_version_with_a_turn_missing_is_still_suggested(zh, de, missing):
    dropped = {id(b) for b in turns_of(de)[missing].blocks}
    shorter = replace(de, blocks=[b for b in de.blocks if id(b) not in dropped])
    assert pair_score(zh, shorter) >= SUGGEST_THRESHOLD


def test_the_same_speakers_with_other_turn_lengths_are_not_a_pair(zh, de):
    lengths = [t.length for t in turns_of(de)]
    for other in (lengths[::-1], lengths[2:] + lengths[:2], lengths[4:] + lengths[:4]):
        assert pair_score(zh, with_lengths(de, other)) < SUGGEST_THRESHOLD
    assert pair_score(zh, with_lengths(de, lengths)) >= SUGGEST_THRESHOLD  # the control


def test_two_copies_in_the_same_language_and_script_are_not_a_pair(zh):
    assert pair_score(zh, replace(zh, path=Path("/copy.txt"))) == 0.0


def test_the_two_chinese_scripts_are_versions_too(tmp_path, zh, de):
    from reader.convert import convert, resolve_target

    hans = tmp_path / "build-2023-zh-hans.txt"
    hans.write_text(convert(ZH.read_text("utf-8"), resolve_target("simplified")), encoding="utf-8")
    pairs = suggest_pairs([zh, de, load_document(hans)])
    assert {frozenset((p.a_path.name, p.b_path.name)) for p in pairs} == {
        frozenset((ZH.name, DE.name)),
        frozenset((ZH.name, hans.name)),
        frozenset((DE.name, hans.name)),
    }
    assert pairs[0].score == 1.0  # the two scripts of one text: the same structure
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_documents_without_turns_or_with_another_cast_are_never_paired(zh):
    lengths = [t.length for t in turns_of(zh)]
    solo = with_lengths(zh, lengths)
    solo = replace(solo, language="de", script=None, blocks=[replace(b, speaker="X") for b in solo.blocks])
    assert pair_score(zh, solo) == 0.0  # one speaker against two
    narration = replace(zh, language="de", script=None, blocks=[b for b in zh.blocks if b.kind != "turn"])
    assert pair_score(zh, narration) == 0.0


# --- remembered --------------------------------------------------------------------


def test_pairs_are_remembered_in_the_data_folder(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    assert remembered_pairs() == ([], None)
    assert remember_pair(a, b) is None
    assert remember_pair(b, a) is None  # the same pair: not twice
    assert remember_pair(a, c) is None
    assert pairs_path() == data_dir() / "pairs.json"
    assert remembered_pairs() == ([(a.resolve(), b.resolve()), (a.resolve(), c.resolve())], None)
    saved = json.loads(pairs_path().read_text("utf-8"))
    key_a, key_b, key_c = (str(p.resolve()) for p in (a, b, c))
    assert saved == {"version": 1, "pairs": [[key_a, key_b], [key_a, key_c]]}
    assert forget_pair(b, a) is None
    assert remembered_pairs() == ([(a.resolve(), c.resolve())], None)


def test_relative_paths_are_remembered_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert remember_pair("a.txt", "sub/b.txt") is None
    assert remembered_pairs()[0] == [(tmp_path.resolve() / "a.txt", tmp_path.resolve() / "sub" / "b.txt")]


def test_a_document_is_not_paired_with_itself(tmp_path):
    message = remember_pair(tmp_path / "a.txt", tmp_path / "." / "a.txt")
    assert message and "itself" in message
    assert remembered_pairs() == ([], None)


@pytest.mark.parametrize("content", ["{not json", "[]", '{"pairs": 3}', b"\xff not utf-8"])
def test_a_corrupt_file_is_no_pairs_and_a_warning(content):
    path = pairs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    pairs, warning = remembered_pairs()
    assert pairs == [] and warning and str(path) in warning and "\n" not in warning


def test_unreadable_entries_are_skipped_with_a_warning():
    path = pairs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "pairs": [["/a", "/b"], ["/c"], [1, 2], "x"]}), encoding="utf-8")
    pairs, warning = remembered_pairs()
    assert pairs == [(Path("/a"), Path("/b"))]
    assert warning and "3 unreadable entries" in warning


def test_remembering_over_a_corrupt_file_keeps_it_aside(tmp_path):
    path = pairs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    warning = remember_pair(tmp_path / "a.txt", tmp_path / "b.txt")
    assert warning and "pairs.json.corrupt" in warning
    assert path.with_name("pairs.json.corrupt").read_text("utf-8") == "{not json"
    assert remembered_pairs() == ([((tmp_path / "a.txt").resolve(), (tmp_path / "b.txt").resolve())], None)


def test_a_failed_write_is_a_message_not_an_exception(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "pairs.json"  # a folder that is a file: cannot be created
    message = remember_pair(tmp_path / "a.txt", tmp_path / "b.txt", path=target)
    assert message and "could not be saved" in message
