"""A reader's watch-words (reader.watchwords): saved under READER_HOME,
matched in any script."""

from __future__ import annotations

import json

import pytest

from reader.load import load_document
from reader.resources import corpus_dir
from reader.watchwords import (
    WatchWordsError,
    add_watchword,
    load_watchwords,
    remove_watchword,
    save_watchwords,
    watchword_spans,
    watchwords_path,
)


def test_no_file_no_watchwords(isolated_home):
    assert not watchwords_path().exists()
    assert load_watchwords() == []


def test_round_trip_under_reader_home(isolated_home):
    saved = save_watchwords(["软件", "  Kevin \n Scott ", "GPU", "", "gpu", "軟件"])
    assert saved == ["软件", "Kevin Scott", "GPU"]  # stripped, no blanks, one per folded form
    path = watchwords_path()
    assert path == isolated_home / "config" / "watchwords.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"words": saved}
    assert "软件" in path.read_text(encoding="utf-8")  # human-readable, not \\u escapes
    assert load_watchwords() == saved
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_add_and_remove_in_any_script(isolated_home):
    assert add_watchword("软件") == ["软件"]
    assert add_watchword("軟件") == ["软件"]  # the same word in the other script
    assert add_watchword("OpenAI") == ["软件", "OpenAI"]
    assert remove_watchword("軟件") == ["OpenAI"]
    assert remove_watchword("openai") == []
    assert load_watchwords() == []


def test_watchwords_match_traditional_text():
    document = load_document(corpus_dir() / "build-2023-brockman-scott-zh-hant.txt")
    spans = watchword_spans(document, ["软件", "微软"])
    found = {document.text[s:e] for s, e, _ in spans}
    assert found == {"軟件", "微軟"}
    assert {w for _, _, w in spans} == {"软件", "微软"}


def test_a_hand_written_list_is_accepted(isolated_home):
    path = watchwords_path()
    path.parent.mkdir(parents=True)
    path.write_text('["GPU", "算力"]', encoding="utf-8")
    assert load_watchwords() == ["GPU", "算力"]
    path.write_text("", encoding="utf-8")
    assert load_watchwords() == []


@pytest.mark.parametrize("content", ["{not json", '{"words": "GPU"}', '{"words": [1, 2]}', "42"])
def test_a_broken_file_is_one_line_error(isolated_home, content):
    path = watchwords_path()
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WatchWordsError) as caught:
        load_watchwords()
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == content  # never overwritten by loading
