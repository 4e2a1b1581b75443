"""bench/generate.py: the synthetic benchmark data must not look damaged.

One bundled document has characters lost in transcoding ("計劃??蛻?的"); the
generator used to copy them, so the parser flagged the 10 MB transcript as
damaged and the app opened it with a notification (it covered the screen the
benchmark's "End → last line shown" waits for).  The generator does not
import reader (bench/run.py runs it with any python3), so these tests check
its output against the parser's own predicate.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest

from reader.load import load_document
from reader.parse.clean import looks_damaged

_PATH = Path(__file__).parent.parent / "bench" / "generate.py"
_SPEC = importlib.util.spec_from_file_location("bench_generate", _PATH)
generate = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = generate  # dataclasses look their module up
_SPEC.loader.exec_module(generate)


@pytest.fixture(scope="module")
def bench_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The data bench/run.py measures: its sizes, the default seed."""
    out = tmp_path_factory.mktemp("generated")
    big = generate.write_transcript(out / "big.txt", generate.parse_size("10MB"))
    docs = generate.write_corpus(out / "docs", 1000, generate.parse_size("30KB"))
    return big, docs


def test_the_10mb_transcript_is_not_damaged(bench_data: tuple[Path, list[Path]]) -> None:
    big, _ = bench_data
    document = load_document(big)
    assert not document.damaged
    assert len(document.speakers) == 4
    assert 38_000 <= generate.markers(big).turns <= 42_000


def test_no_generated_document_is_damaged(bench_data: tuple[Path, list[Path]]) -> None:
    _, docs = bench_data
    assert [p.name for p in docs if load_document(p).damaged] == []


def test_no_question_mark_between_chinese_characters(bench_data: tuple[Path, list[Path]]) -> None:
    """Not even where the parser would let it pass because the document also
    uses "?" as a question mark (a line-final "?"): drop those and look again."""
    big, docs = bench_data
    for path in [big, *docs]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not looks_damaged(line.rstrip("?")), (path.name, line)


def test_damaged_lines_are_left_out_and_questions_kept() -> None:
    pieces = [
        text
        for pool in generate.POOLS.values()
        for texts in (pool.sentences, pool.questions, pool.paragraphs, pool.headings)
        for text in texts
    ]
    assert not [t for t in pieces if "\ufffd" in t or "??" in t or "蛻?" in t or "家?guī" in t]
    assert all(t.endswith("?") for pool in generate.POOLS.values() for t in pool.questions)
    assert generate.POOLS["zh-hant"].questions and generate.POOLS["zh-hans"].questions
    # Questions end turns only: a line break (or a stage note) follows them.
    style = generate.Style(label_on_own_line=False, blank_lines=True, timestamps=False, colon=":")
    text = generate.make_document(random.Random(1), 300_000, "zh-hant", "1", style, guests=3)
    assert re.search(r"[\u4e00-\u9fff]\?\n", text)


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    first = generate.write_transcript(tmp_path / "a.txt", 200_000, seed=3)
    second = generate.write_transcript(tmp_path / "b.txt", 200_000, seed=3)
    assert first.read_bytes() == second.read_bytes()
    one = generate.write_corpus(tmp_path / "one", 20, 30_000)
    two = generate.write_corpus(tmp_path / "two", 20, 30_000)
    assert generate.sha256_of(one) == generate.sha256_of(two)


def test_planted_markers(bench_data: tuple[Path, list[Path]]) -> None:
    big, docs = bench_data
    marks = generate.markers(big)
    assert marks.first.startswith("歡迎收看第 ")
    last_line = big.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[-1]
    assert str(marks.turns) in last_line
    assert generate.markers(docs[0]).turns > 0
