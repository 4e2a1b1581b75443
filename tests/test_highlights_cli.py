"""`reader highlights add|list|remove|export`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store

TRANSCRIPT = """Interview über Rechenleistung

Anna: Wie hat alles angefangen?

Kevin Scott: Wir brauchten mehr Rechenleistung, und zwar sofort. Dann einen Supercomputer
nach dem anderen.

Greg Brockman: Ja, genau.

Anna: Und dann?

Kevin Scott: Mehr Rechenleistung!

Greg Brockman: So war es.
"""


@pytest.fixture(autouse=True)
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.json"
    monkeypatch.setenv("READER_STORE", str(path))
    return path


@pytest.fixture
def transcript(tmp_path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["highlights", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_add_then_list(capsys, transcript, store_path):
    status, out, err = run(
        capsys,
        "add",
        str(transcript),
        "--quote",
        "Wie hat alles angefangen?",
        "--note",
        "Einstieg",
        "--tag",
        "frage",
        "--tag",
        "anfang",
        "--color",
        "blue",
    )
    assert status == 0 and err == ""
    new_id = out.strip()
    (h,) = Store.open(store_path).highlights()
    assert h.id == new_id and h.speaker == "Anna" and h.tags == ("frage", "anfang") and h.colour == "blue"

    status, out, _ = run(capsys, "list", "--json")
    (record,) = json.loads(out)
    assert record["id"] == new_id and record["quote"]["exact"] == "Wie hat alles angefangen?"
    assert "anchor" not in record

    status, out, _ = run(capsys, "list", str(transcript), "--json")
    (record,) = json.loads(out)
    assert record["anchor"]["method"] == "unchanged"

    status, out, _ = run(capsys, "list")
    assert out.startswith(new_id) and "Anna: “Wie hat alles angefangen?”  #frage #anfang" in out


def test_add_json(capsys, transcript):
    status, out, _ = run(capsys, "add", str(transcript), "--quote", "Ja, genau.", "--json")
    record = json.loads(out)
    assert status == 0 and record["speaker"] == "Greg Brockman" and record["colour"] == "yellow"


def test_quote_must_occur(capsys, transcript, store_path):
    status, out, err = run(capsys, "add", str(transcript), "--quote", "Das steht nicht drin")
    assert status == 2 and out == ""
    assert err == f"reader: the quote does not occur in {transcript}: 'Das steht nicht drin'\n"
    assert not store_path.exists()


def test_unknown_colour_lists_the_palette(capsys, transcript):
    status, _, err = run(capsys, "add", str(transcript), "--quote", "Ja", "--color", "teal")
    assert status == 2
    assert err == "reader: unknown colour 'teal'; choose one of: yellow, green, blue, pink, purple, orange, red, grey\n"


def test_quote_across_a_line_break_and_in_other_case(capsys, transcript, store_path):
    status, _, _ = run(capsys, "add", str(transcript), "--quote", "einen supercomputer nach dem")
    assert status == 0
    (h,) = Store.open(store_path).highlights()
    assert h.quote.exact == "einen Supercomputer\nnach dem"


def test_quote_in_the_other_chinese_script(capsys, tmp_path, store_path):
    path = tmp_path / "zh.txt"
    path.write_text("主持人:你好。\n\nKevin Scott:我们需要更多的算力和超级计算机。\n", encoding="utf-8")
    status, _, err = run(capsys, "add", str(path), "--quote", "超級計算機")
    assert status == 0, err
    assert Store.open(store_path).highlights()[0].quote.exact == "超级计算机"


def test_repeated_quote_and_occurrence(capsys, transcript, store_path):
    status, _, err = run(capsys, "add", str(transcript), "--quote", "Rechenleistung")
    assert status == 0 and "occurs 3 times" in err and "--occurrence" in err
    status, _, err = run(capsys, "add", str(transcript), "--quote", "Rechenleistung", "--occurrence", "2")
    assert status == 0 and err == ""
    starts = sorted(h.start for h in Store.open(store_path).highlights())
    assert starts[1] > starts[0]
    status, _, err = run(capsys, "add", str(transcript), "--quote", "Rechenleistung", "--occurrence", "4")
    assert status == 2 and "out of range" in err


def test_missing_document(capsys, tmp_path):
    status, _, err = run(capsys, "add", str(tmp_path / "nope.txt"), "--quote", "x")
    assert status == 2 and err.startswith("reader: ") and "no such file" in err


def test_remove_by_id_and_prefix(capsys, transcript, store_path):
    ids = [run(capsys, "add", str(transcript), "--quote", q)[1].strip() for q in ("Ja, genau.", "Wie hat")]
    status, out, _ = run(capsys, "remove", ids[0])
    assert status == 0 and out == f"removed {ids[0]}\n"
    status, out, _ = run(capsys, "remove", ids[1][:6])
    assert status == 0 and out == f"removed {ids[1]}\n"
    assert Store.open(store_path).highlights() == []
    status, _, err = run(capsys, "remove", ids[1])
    assert status == 2 and "no highlight with id" in err


def test_export_formats(capsys, transcript, tmp_path):
    run(capsys, "add", str(transcript), "--quote", "Ja, genau.", "--note", "Zustimmung", "--tag", "kurz")
    status, out, _ = run(capsys, "export", "--format", "md")
    assert status == 0
    assert "## Interview über Rechenleistung" in out and "> Ja, genau.\n>\n> — Greg Brockman\n\nZustimmung" in out
    status, out, _ = run(capsys, "export", str(transcript), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["Highlight"] == "Ja, genau." and rows[0]["Book Author"] == "Greg Brockman"
    assert rows[0]["Tags"] == "kurz"
    target = tmp_path / "out" / "highlights.json"
    status, out, err = run(capsys, "export", "--format", "json", "--out", str(target))
    assert status == 0 and out == "" and str(target) in err
    assert json.loads(target.read_text(encoding="utf-8"))[0]["note"] == "Zustimmung"


def test_store_option_before_or_after_the_action(capsys, transcript, tmp_path, store_path):
    other = tmp_path / "other.json"
    run(capsys, "--store", str(other), "add", str(transcript), "--quote", "Ja, genau.")
    run(capsys, "add", str(transcript), "--quote", "Wie hat", "--store", str(other))
    assert len(Store.open(other).highlights()) == 2 and not store_path.exists()
    _, out, _ = run(capsys, "--store", str(other), "list", "--json")
    assert len(json.loads(out)) == 2


def test_corrupt_store_warns_and_goes_on(capsys, transcript, store_path):
    store_path.write_text("{broken", encoding="utf-8")
    status, out, err = run(capsys, "add", str(transcript), "--quote", "Ja, genau.")
    assert status == 0 and out.strip()
    assert err.startswith("reader: warning: highlight store") and "moved aside to" in err
    assert len(list(store_path.parent.glob("store.json.corrupt-*"))) == 1


def test_unwritable_store_fails_with_one_line(capsys, transcript, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    status, out, err = run(capsys, "--store", str(blocker / "store.json"), "add", str(transcript), "--quote", "Ja")
    assert status == 1 and out == ""
    assert err.splitlines()[-1].startswith("reader: highlights could not be saved")


def test_list_shows_orphans_after_an_edit(capsys, transcript):
    run(capsys, "add", str(transcript), "--quote", "Wie hat alles angefangen?")
    transcript.write_text(TRANSCRIPT.replace("Wie hat alles angefangen?", "Was war zuerst?"), encoding="utf-8")
    _, out, _ = run(capsys, "list", str(transcript), "--json")
    assert json.loads(out)[0]["anchor"] is None
    _, out, _ = run(capsys, "list", str(transcript))
    assert "  orphan  " in out


def test_through_python_dash_m(transcript, store_path):
    command = [sys.executable, "-m", "reader", "highlights", "add", str(transcript), "--quote", "Ja, genau."]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert Store.open(store_path).get(result.stdout.strip()).quote.exact == "Ja, genau."
