"""`reader search` and `reader keywords`: JSON of the documented shape,
human-readable lines, one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.cli import main
from reader.keywords import load_jieba
from reader.resources import bundled_documents, corpus_dir

SEED_000 = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
SEED_001 = corpus_dir() / "build-2023-brockman-scott-de.txt"


@pytest.fixture(scope="module", autouse=True)
def jieba(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_HOME", str(tmp_path_factory.mktemp("jieba-home")))
        return load_jieba()


def _json(capsys, argv: list[str]):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_search_json_shape(capsys):
    hits = _json(capsys, ["search", "微软", "--json"])
    assert hits
    for hit in hits:
        assert set(hit) == {"path", "title", "speaker", "start", "end", "snippet"}
        assert isinstance(hit["path"], str) and isinstance(hit["title"], str)
        assert hit["speaker"] is None or isinstance(hit["speaker"], str)
        assert isinstance(hit["start"], int) and hit["end"] == hit["start"] + 2
        assert "微" in hit["snippet"] and "\n" not in hit["snippet"]
    names = {p.name for p in bundled_documents()}
    assert {h["path"].rsplit("/", 1)[-1] for h in hits} <= names


def test_search_paths_folders_and_limit(capsys, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("主持人:我们聊聊軟件。\n", encoding="utf-8")
    (tmp_path / "two.md").write_text("没有。\n", encoding="utf-8")
    hits = _json(capsys, ["search", "软件", str(tmp_path), str(SEED_000), "--json"])
    assert hits[0]["path"] == str(tmp_path / "sub" / "one.txt")
    assert len(hits) == 1 + 2  # seed 000 has 軟件 twice
    assert len(_json(capsys, ["search", "软件", str(tmp_path), str(SEED_000), "--json", "--limit", "2"])) == 2
    assert _json(capsys, ["search", "nowhere to be found", str(SEED_000), "--json"]) == []


def test_search_human_output(capsys):
    assert main(["search", "Copilot"]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines
    for line in lines:
        path, _, rest = line.partition(": ")
        assert path.split(":")[0].endswith(".txt")
        assert "copilot" in rest.lower()
    assert any(line.split(": ", 1)[0].endswith(":Kevin Scott") for line in lines)


def test_search_skips_a_file_that_fails_to_load_with_a_warning(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03")
    assert main(["search", "软件", str(bad), str(SEED_000), "--json"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2
    assert err.count("\n") == 1 and "bad.txt" in err and "warning" in err


def test_search_empty_query_is_a_usage_error(capsys):
    assert main(["search", "  "]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1


def test_keywords_json_shape(capsys):
    keywords = _json(capsys, ["keywords", str(SEED_000), "--json"])
    assert len(keywords) == 20
    for keyword in keywords:
        assert set(keyword) == {"word", "score", "count"}
        assert isinstance(keyword["word"], str) and isinstance(keyword["count"], int) and keyword["count"] >= 1
        assert isinstance(keyword["score"], float)
    scores = [k["score"] for k in keywords]
    assert scores == sorted(scores, reverse=True)
    assert "微軟" in [k["word"] for k in keywords]
    assert len(_json(capsys, ["keywords", str(SEED_000), "--top", "3", "--json"])) == 3


def test_keywords_german_with_a_corpus(capsys, tmp_path):
    default = _json(capsys, ["keywords", str(SEED_001), "--json", "--top", "10"])
    words = [k["word"] for k in default]
    assert "Technologie" in words and not {"und", "die", "der"} & {w.lower() for w in words}
    alone = _json(capsys, ["keywords", str(SEED_001), "--json", "--top", "10", "--corpus", str(SEED_001)])
    # weighed by this document alone, the most frequent word leads; with its
    # folder (the bundled corpus, where ChatGPT is everywhere) it does not
    assert alone[0]["word"] == "ChatGPT" != default[0]["word"]


def test_keywords_table(capsys):
    assert main(["keywords", str(SEED_000), "--top", "5"]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 6 and lines[0].split() == ["#", "word", "count", "score"]
    assert lines[1].split()[0] == "1"


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "微软", "/no/such/path.txt", "--json"],
        ["keywords", "/no/such/path.txt", "--json"],
        ["keywords", str(SEED_001), "--corpus", "/no/such/folder"],
        ["keywords", str(SEED_000), "--corpus", "/no/such/folder"],
    ],
)
def test_a_missing_path_is_one_line_and_exit_2(argv, tmp_path):
    result = subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "/no/such/" in result.stderr
    assert "Traceback" not in result.stderr


def test_top_must_be_positive(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["keywords", str(SEED_000), "--top", "0"])
    assert caught.value.code == 2
