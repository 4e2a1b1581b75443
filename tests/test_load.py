"""Reading files: encodings, damage, files that are not transcripts, and the
`reader parse` command on top of it."""

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.load import LoadError, decode, expand_paths, load_document, looks_binary
from reader.resources import corpus_dir

TRADITIONAL = "Kevin Scott:非常感謝你今天加入我們的大會。\nGreg Brockman:從基礎設施來看,這是一個有趣的過程。\n"
SIMPLIFIED = "Kevin Scott:非常感谢你今天加入我们的大会。\nGreg Brockman:从基础设施来看,这是一个有趣的过程。\n"


def write(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings ------------------------------------------------------------------


def test_utf8_without_bom(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", TRADITIONAL.encode("utf-8")))
    assert doc.encoding == "utf-8" and not doc.damaged
    assert doc.text == TRADITIONAL
    assert [s.name for s in doc.speakers] == []  # each name once: not yet speakers


def test_utf8_with_bom(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", codecs.BOM_UTF8 + (TRADITIONAL * 2).encode("utf-8")))
    assert doc.encoding == "utf-8-sig"
    assert not doc.text.startswith("\ufeff")
    assert [(s.name, s.turns) for s in doc.speakers] == [("Kevin Scott", 2), ("Greg Brockman", 2)]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = load_document(write(tmp_path, "a.txt", bom + TRADITIONAL.encode(codec)))
    assert doc.encoding == "utf-16" and doc.text == TRADITIONAL and not doc.damaged


def test_utf16_without_bom_is_text_not_binary(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", "Alice: hello\nBob: hi\n".encode("utf-16-le")))
    assert doc.text == "Alice: hello\nBob: hi\n"


def test_gb18030(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", SIMPLIFIED.encode("gb18030")))
    assert doc.encoding == "gb18030" and doc.text == SIMPLIFIED
    assert (doc.language, doc.script) == ("zh", "hans")


def test_big5_is_detected_as_big5_not_gb18030(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", TRADITIONAL.encode("big5")))
    assert doc.encoding in {"big5", "cp950"}
    assert doc.text == TRADITIONAL
    assert (doc.language, doc.script) == ("zh", "hant")


@pytest.mark.parametrize(
    ("text", "codec"),
    [("臺灣", "big5"), ("我們討論人工智慧。", "big5"), ("中国", "gb18030"), ("我们讨论人工智能。", "gb18030"),
     ("這場對話也許才是關心技術", "gb18030")],  # traditional characters in a GBK file are still GBK
)
def test_short_chinese_texts_decode_with_the_right_encoding(text, codec):
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding in ({"big5", "cp950"} if codec == "big5" else {"gb18030"})


def test_a_whole_article_in_big5(tmp_path):
    article = (corpus_dir() / "build-2023-brockman-scott-zh-hant.txt").read_text(encoding="utf-8")
    data = article.encode("big5", errors="replace")  # a few simplified leftovers have no Big5 code
    doc = load_document(write(tmp_path, "a.txt", data))
    assert doc.encoding in {"big5", "cp950"}
    assert [(s.name, s.turns) for s in doc.speakers] == [("Kevin Scott", 6), ("Greg Brockman", 5)]


def test_latin1_german(tmp_path):
    text = "Kevin Scott: Grüße aus München.\nGreg Brockman: Schön, dass Sie da sind.\n"
    doc = load_document(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert doc.text == text and doc.language == "de"


def test_invalid_bytes_become_replacement_characters_and_mark_damage(tmp_path):
    data = TRADITIONAL.encode("utf-8") + b"\xff\xfe broken \x80" + "後面還有文字。".encode("utf-8")[:-1]
    doc = load_document(write(tmp_path, "a.txt", data))
    assert doc.damaged
    assert "\ufffd" in doc.text
    assert doc.text.startswith("Kevin Scott:非常感謝你")


def test_an_empty_file_opens_as_an_empty_document(tmp_path):
    doc = load_document(write(tmp_path, "empty.txt", b""))
    assert doc.blocks == [] and doc.title == "empty"


# --- files that are not transcripts ------------------------------------------------


def assert_one_line(error: LoadError, *words: str):
    message = str(error)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_binary_file(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert looks_binary(path.read_bytes())
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert_one_line(caught.value, "image.txt", "binary")


def test_directory(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_document(tmp_path)
    assert_one_line(caught.value, "folder")


def test_missing_file(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_document(tmp_path / "nope.txt")
    assert_one_line(caught.value, "nope.txt", "no such file")


def test_unreadable_file_by_permissions(tmp_path):
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        with pytest.raises(LoadError) as caught:
            load_document(path)
        assert_one_line(caught.value, "permission denied")
    finally:
        path.chmod(0o600)


def test_unreadable_file_when_the_read_fails(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", b"text")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert_one_line(caught.value, "secret.txt", "permission denied")


def test_other_os_errors_are_one_line_too(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", b"text")

    def fail(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert_one_line(caught.value, "cannot be read", "Input/output error")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError) as caught:
        load_document(fifo)
    assert_one_line(caught.value, "not a regular file")


def test_expand_paths_lists_transcripts_in_folders(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("a")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    single = tmp_path / "x.log"
    assert expand_paths([tmp_path, single]) == [tmp_path / "b.txt", tmp_path / "sub" / "a.md", single]


# --- the CLI ---------------------------------------------------------------------------


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, encoding="utf-8")


def test_cli_parse_prints_the_document_as_json():
    path = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"
    result = run_cli("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"path", "title", "language", "script", "encoding", "speakers", "blocks"} <= set(data)
    assert data["language"] == "zh" and data["script"] == "hans"
    assert {"name": "Kevin Scott", "turns": 17} in data["speakers"]
    text = path.read_text(encoding="utf-8")
    for block in data["blocks"]:
        assert block["kind"] in {"heading", "turn", "narration", "note", "boilerplate"}
        assert text[block["start"] : block["end"]] == block["text"]  # no cleaning needed in this file


@pytest.mark.parametrize("case", ["missing", "directory", "binary"])
def test_cli_parse_fails_with_one_line_and_status_2(tmp_path, case):
    target = {
        "missing": tmp_path / "missing.txt",
        "directory": tmp_path,
        "binary": write(tmp_path, "bin.txt", b"\x00\x01\x02\x03" * 100),
    }[case]
    result = run_cli("parse", str(target), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("reader: ")
