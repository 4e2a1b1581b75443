"""Search (reader.search): find in a document, the corpus index, and the
word matcher keywords and watch-words share — all script-insensitive."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.convert import fold
from reader.load import LoadError, load_document
from reader.model import Block, Document
from reader.resources import bundled_documents, corpus_dir
from reader.search import CorpusIndex, Finder, Hit, find, match_words, snippet

SEEDS = {
    "000": "build-2023-brockman-scott-zh-hant.txt",
    "001": "build-2023-brockman-scott-de.txt",
    "002": "kevin-scott-no-priors-zh-hans.txt",
    "003": "altman-dealbook-2024-zh-hant-tw.txt",
    "004": "altman-humanloop-notes-zh-hant.txt",
}
NAMES = {name: seed for seed, name in SEEDS.items()}


@pytest.fixture(scope="module")
def index():
    return CorpusIndex(bundled_documents())


@pytest.fixture(scope="module")
def seeds():
    return {seed: load_document(corpus_dir() / name) for seed, name in SEEDS.items()}


def _seeds_of(hits) -> set[str]:
    return {NAMES[hit.path.name] for hit in hits}


# --- the cases --------------------------------------------------------------


def test_weiruan_finds_the_four_chinese_seeds(index):
    hits = index.search("微软", limit=None)
    assert _seeds_of(hits) == {"000", "002", "003", "004"}  # 001 is German: "Microsoft"
    assert _seeds_of(index.search("微軟", limit=None)) == {"000", "002", "003", "004"}


def test_ruanjian_finds_traditional_in_seed_000(seeds):
    document = seeds["000"]
    hits = find(document, "软件")
    assert hits
    assert {document.text[h.start : h.end] for h in hits} == {"軟件"}


def test_traditional_query_finds_simplified(seeds):
    document = seeds["002"]
    hits = find(document, "軟件")
    assert hits and {document.text[h.start : h.end] for h in hits} == {"软件"}


@pytest.mark.parametrize("query", ["微软", "软件", "模型", "openai", "OPENAI", "GPU", "Kevin Scott", "人工智能", "Microsoft"])
def test_hit_offsets_point_at_text_that_folds_to_the_query(seeds, index, query):
    key = " ".join(fold(query).split())
    for document in seeds.values():
        for hit in find(document, query):
            assert " ".join(fold(document.text[hit.start : hit.end]).split()) == key
    for hit in index.search(query, limit=None):
        document = seeds[NAMES[hit.path.name]]
        assert " ".join(fold(document.text[hit.start : hit.end]).split()) == key
        assert key.replace(" ", "") in fold(hit.snippet[hit.snippet_start : hit.snippet_end]).replace(" ", "")


# --- find -----------------------------------------------------------------------------------


def test_case_insensitive_for_latin():
    text = "OpenAI, openai, OPENAI and OpenAi"
    assert [text[h.start : h.end] for h in find(text, "openai")] == ["OpenAI", "openai", "OPENAI", "OpenAi"]


def test_full_width_latin_matches_ascii():
    text = "GPU 和 ＧＰＵ"
    assert [text[h.start : h.end] for h in find(text, "gpu")] == ["GPU", "ＧＰＵ"]
    assert len(find(text, "ＧＰＵ")) == 2


def test_empty_blank_and_too_long_queries_find_nothing():
    assert find("some text", "") == []
    assert find("some text", "   ") == []
    assert find("short", "much longer than the text") == []
    assert find("", "a") == []


def test_hits_do_not_overlap_and_are_in_order():
    assert find("aaaaa", "aa") == [Hit(0, 2), Hit(2, 4)]


def test_surrounding_space_is_ignored_and_inner_space_matches_any_whitespace():
    text = "Kevin\nScott und Kevin  Scott"
    assert [text[h.start : h.end] for h in find(text, " kevin scott ")] == ["Kevin\nScott", "Kevin  Scott"]
    assert find(text, "Kevin ") == [Hit(0, 5), Hit(16, 21)]


def test_find_takes_a_document_or_a_text(seeds):
    document = seeds["004"]
    assert find(document, "GPU") == find(document.text, "GPU")


def test_a_finder_folds_once_and_finds_the_same(seeds):
    document = seeds["000"]
    finder = Finder(document)
    for query in ["软", "软件", "軟件", "openai", "", "Kevin  Scott"]:
        assert finder.find(query) == find(document, query)
    assert len(finder.find("微软", limit=3)) == 3


# --- match_words: keywords and watch-words -------------------------------------------------


def test_match_words_latin_whole_words_only():
    text = "OpenAI said AI; GPT-4 and GPUs; ai."
    spans = match_words(text, ["AI", "GPT", "GPU"])
    assert [(text[s:e], w) for s, e, w in spans] == [("AI", "AI"), ("GPT", "GPT"), ("ai", "AI")]


def test_match_words_longest_first_and_any_script():
    text = "大模型和模型;軟件与软件"
    spans = match_words(text, ["模型", "大模型", "软件"])
    assert [(text[s:e], w) for s, e, w in spans] == [("大模型", "大模型"), ("模型", "模型"), ("軟件", "软件"), ("软件", "软件")]


def test_match_words_reports_the_first_of_words_that_fold_alike():
    assert match_words("軟件", ["軟件", "软件"]) == [(0, 2, "軟件")]
    assert match_words("text", []) == [] and match_words("text", ["", "  "]) == []


# --- snippets ---------------------------------------------------------------------------------


def test_snippet_is_one_line_with_context_and_marks_the_hit():
    text = "a" * 50 + "\nKevin\nScott\n" + "b" * 50
    start = text.index("Kevin")
    line, s, e = snippet(text, start, start + len("Kevin\nScott"))
    assert "\n" not in line
    assert line[s:e] == "Kevin Scott"
    assert line.startswith("…") and line.endswith("…")
    assert len(line) <= 30 + len("Kevin Scott") + 30 + 2


def test_snippet_makes_control_characters_visible():
    line, s, e = snippet("abc\x1b[31mdef", 3, 4)
    assert "\x1b" not in line and "␛" in line
    assert (s, e) == (3, 4)


def test_snippet_stays_in_the_hits_block():
    text = "first speaker says a lot here\nsecond: the hit is here"
    blocks = [Block("turn", 0, 29, speaker="A"), Block("turn", 30, len(text), speaker="B")]
    document = Document(text=text, blocks=blocks, title="t", language="en", script=None)
    start = text.index("hit")
    line, s, e = snippet(document, start, start + 3)
    assert line == "second: the hit is here"
    assert line[s:e] == "hit"


# --- the corpus index -----------------------------------------------------------------------


def test_corpus_hits_carry_document_speaker_and_snippet(index, seeds):
    hits = index.search("Copilot", limit=None)
    assert hits
    for hit in hits:
        document = seeds[NAMES[hit.path.name]]
        assert hit.title == document.title
        assert "\n" not in hit.snippet
        block = next(b for b in document.blocks if b.start <= hit.start < b.end)
        assert hit.speaker == (block.speaker if block.kind == "turn" else None)
    assert any(hit.speaker == "Kevin Scott" for hit in hits)


def test_limit_and_count(index):
    everything = index.search("模型", limit=None)
    assert len(everything) == index.count("模型") > 20
    assert index.search("模型", limit=5) == everything[:5]
    assert index.search("模型", limit=0) == []
    assert index.search("", limit=None) == [] and index.count("") == 0
    assert index.count("Kevin Scott") == len(index.search("kevin  scott", limit=None))


def test_documents_are_searched_in_the_order_added(index):
    order = [p.name for p in bundled_documents()]
    seen = []
    for hit in index.search("OpenAI", limit=None):
        if hit.path.name not in seen:
            seen.append(hit.path.name)
    assert seen == [name for name in order if name in seen]


def test_refresh_picks_up_changed_and_removed_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲:今天我们谈软件。\n", encoding="utf-8")
    b.write_text("乙:没有那个词。\n", encoding="utf-8")
    index = CorpusIndex([a, b])
    assert len(index) == 2 and index.count("軟件") == 1
    assert index.refresh() == []
    b.write_text("乙:现在也有軟件了,很多软件。\n", encoding="utf-8")  # another size
    assert index.refresh() == [b]
    assert index.count("软件") == 3
    a.unlink()
    assert index.refresh() == [a]
    assert len(index) == 1 and {h.path for h in index.search("软件")} == {b}


def test_adding_a_path_again_replaces_it_in_place(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one GPU\n", encoding="utf-8")
    b.write_text("two GPU\n", encoding="utf-8")
    index = CorpusIndex([a, b])
    a.write_text("three GPU GPU\n", encoding="utf-8")
    index.update(load_document(a))
    assert len(index) == 2
    assert [h.path.name for h in index.search("gpu")] == ["a.txt", "a.txt", "b.txt"]
    assert index.remove(a) and not index.remove(a)
    assert len(index) == 1


def test_a_file_that_fails_to_load(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("GPU\n", encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(LoadError):
        CorpusIndex([good, bad])
    errors = []
    index = CorpusIndex([bad, good], on_error=errors.append)
    assert len(index) == 1 and len(errors) == 1 and "bad.txt" in str(errors[0])
    assert [h.path for h in index.search("gpu")] == [good]


def test_documents_without_a_path_are_indexed_too():
    document = Document(text="软件", blocks=[Block("narration", 0, 2)], title="t", language="zh", script="hans")
    index = CorpusIndex([document])
    hit = index.search("軟件")[0]
    assert (hit.path, hit.title, hit.start, hit.end, hit.snippet) == (None, "t", 0, 2, "软件")
    assert hit.to_json() == {"path": None, "title": "t", "speaker": None, "start": 0, "end": 2, "snippet": "软件"}


# --- properties ---------------------------------------------------------------------------

_ALPHABET = "軟件软件微軟微软aAbB ＡＢ\n的"


@given(st.text(alphabet=_ALPHABET, max_size=40), st.text(alphabet=_ALPHABET, min_size=1, max_size=4))
def test_find_agrees_with_a_naive_scan_of_the_folded_text(text, query):
    hits = find(text, query)
    key = fold(query.strip())
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
    if not key or any(c.isspace() for c in key):
        for hit in hits:
            assert " ".join(fold(text[hit.start : hit.end]).split()) == " ".join(key.split())
        return
    expected, at, folded = [], 0, fold(text)
    while (at := folded.find(key, at)) >= 0:
        expected.append(Hit(at, at + len(key)))
        at += len(key)
    assert hits == expected
