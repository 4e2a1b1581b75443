"""What the commands print never reaches a terminal as control sequences
(issue 7): listings are sanitised, JSON escapes what a terminal would obey
(and still decodes to the exact data), exact outputs (converted text,
exports) stay exact in a pipe and are sanitised on a terminal, and error
messages are one safe line."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.commands import safe_json
from reader.sanitize import has_control

READER = [sys.executable, "-m", "reader"]
# Everything a hostile document may hold: OSC 0 title change, OSC 52
# clipboard write, CSI clear screen, BEL, C1 CSI, bidi override, a line
# separator, and markup.
HOSTILE = (
    "\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x07 \u009b2J \u202eevil\u202c \u2028"
    " [bold red]x[/] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/] [/]"
)
NAME = "evil\x1b]0;PWNED\x07\u009b.txt"


def lines_ok(text: str) -> bool:
    """No control character but the line ends."""
    return not has_control(text.replace("\n", ""))


@pytest.fixture
def hostile(tmp_path) -> Path:
    path = tmp_path / NAME
    path.write_text(f"Titel {HOSTILE}\n\nAnna: Hallo {HOSTILE} Rechenleistung\n\nBen: Gut.\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_STORE", str(tmp_path / "store.json"))


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.integers() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_output_is_terminal_safe_and_decodes_to_the_same_data(obj):
    out = safe_json(obj)
    assert lines_ok(out)
    assert json.loads(out) == obj


def test_parse_json_is_safe_and_exact(capsys, hostile):
    assert main(["parse", str(hostile)]) == 0
    out, err = capsys.readouterr()
    assert lines_ok(out) and err == ""
    data = json.loads(out)
    assert data["path"] == str(hostile)  # the name as it is, escaped in JSON
    assert "[bold red]x[/]" in json.dumps(data, ensure_ascii=False)


def test_search_and_keywords_listings_are_sanitised(capsys, hostile):
    assert main(["search", "Rechenleistung", str(hostile)]) == 0
    out, _ = capsys.readouterr()
    assert "Rechenleistung" in out and lines_ok(out)
    assert "␛]0;PWNED␇" in out  # the file name, shown


def test_highlights_list_and_export_are_sanitised(capsys, hostile):
    note = "note \x1b]52;c;cHduZWQ=\x07 \u009b"
    assert main(["highlights", "add", str(hostile), "--quote", "Rechenleistung", "--note", note]) == 0
    capsys.readouterr()
    assert main(["highlights", "list"]) == 0
    out, _ = capsys.readouterr()
    assert out and lines_ok(out)
    assert main(["highlights", "list", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert lines_ok(out) and json.loads(out)[0]["note"] == note  # exact data, safe text


def test_convert_keeps_text_exact_in_a_pipe(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("这是软件 \x1b[2J\n", encoding="utf-8")
    result = subprocess.run([*READER, "convert", "--to", "traditional", str(path)], capture_output=True)
    assert result.returncode == 0
    assert result.stdout.decode() == "這是軟件 \x1b[2J\n"  # a filter: data in, data out


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run `reader ARGS` with stdout on a pseudo-terminal; (status, output)."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([*READER, *args], stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the program is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    finally:
        os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def test_convert_and_export_on_a_terminal_show_controls_instead_of_obeying_them(tmp_path, hostile):
    path = tmp_path / "a.txt"
    path.write_text("这是软件 \x1b[2J\x07\n", encoding="utf-8")
    status, out = run_on_terminal("convert", "--to", "traditional", str(path))
    assert status == 0 and out == "這是軟件 ␛[2J␇\n"
    assert main(["highlights", "add", str(hostile), "--quote", "Rechenleistung", "--note", "\x1b]0;PWNED\x07"]) == 0
    for fmt in ("md", "csv", "json"):
        status, out = run_on_terminal("highlights", "export", "--format", fmt)
        assert status == 0 and "Rechenleistung" in out
        assert lines_ok(out), fmt


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "missing\x1b]0;PWNED\x07\u009b[2J.txt"],
        ["convert", "--to", "traditional", "missing\x1b[2J.txt"],
        ["search", "x", "missing\x1b]52;c;eA==\x07"],
        ["--bogus\x1b[2J"],
        ["parse", "a\nb\x1b[2J.txt"],
    ],
)
def test_errors_are_one_safe_line_and_status_2(argv):
    result = subprocess.run([*READER, *argv], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]  # argparse prints its usage line first
    assert message.startswith("reader") and "␛" in message
    assert lines_ok(result.stderr) and result.stdout == ""


def test_a_file_that_is_not_text_is_one_line_for_every_command(tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x1b[2J" * 200)
    for argv in (["parse", str(binary)], ["convert", "--to", "t2s", str(binary)], ["keywords", str(binary)]):
        result = subprocess.run([*READER, *argv], capture_output=True, text=True)
        assert result.returncode == 2, argv
        assert len(result.stderr.strip().splitlines()) == 1 and "binary" in result.stderr
