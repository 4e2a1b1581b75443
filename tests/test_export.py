"""Markdown, JSON and Readwise CSV exports (reader.export)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.anchor import Quote
from reader.export import CSV_COLUMNS, export
from reader.load import load_document
from reader.store import DocumentRef, Highlight, Store

DE = DocumentRef("/corpus/build-de.txt", "a" * 64, "Build 2023")
ZH = DocumentRef("/corpus/no-priors-zh.txt", "b" * 64, "对谈Kevin Scott")


def make(id, document, exact, start, speaker=None, note="", tags=(), colour="yellow"):
    return Highlight(
        id=id,
        document=document,
        quote=Quote(exact, "", ""),
        start=start,
        end=start + len(exact),
        speaker=speaker,
        colour=colour,
        tags=tuple(tags),
        note=note,
        created="2024-05-01T10:00:00.123456Z",
        updated="2024-05-01T10:00:00.123456Z",
    )


HIGHLIGHTS = [
    make("h2", DE, "Dann haben wir gebaut.", 300, "Kevin Scott", note="Wichtig,\nsehr", tags=["hpc", "azure"]),
    make("h1", DE, "Wir brauchten mehr Rechenleistung", 100, "Kevin Scott", colour="green"),
    make("h3", ZH, "我们需要更多的算力", 50, None),
]


def test_markdown():
    assert export(HIGHLIGHTS, "md") == (
        "# Highlights\n\n"
        "## Build 2023\n\n"
        "`/corpus/build-de.txt`\n\n"
        "> Wir brauchten mehr Rechenleistung\n>\n> — Kevin Scott\n\n"
        "> Dann haben wir gebaut.\n>\n> — Kevin Scott\n\n"
        "Wichtig,\nsehr\n\n"
        "Tags: `hpc`, `azure`\n\n"
        "## 对谈Kevin Scott\n\n"
        "`/corpus/no-priors-zh.txt`\n\n"
        "> 我们需要更多的算力\n"
    )


def test_csv_has_the_readwise_columns():
    rows = list(csv.reader(io.StringIO(export(HIGHLIGHTS, "csv"), newline="")))
    assert (
        rows[0]
        == CSV_COLUMNS
        == [
            "Highlight",
            "Book Title",
            "Book Author",
            "Note",
            "Color",
            "Tags",
            "Location Type",
            "Location",
            "Highlighted at",
        ]
    )
    assert rows[1] == [
        "Wir brauchten mehr Rechenleistung",
        "Build 2023",
        "Kevin Scott",
        "",
        "green",
        "",
        "order",
        "100",
        "2024-05-01T10:00:00+00:00",
    ]
    assert rows[2][3:6] == ["Wichtig,\nsehr", "yellow", "hpc, azure"]
    assert rows[3][:3] == ["我们需要更多的算力", "对谈Kevin Scott", ""]


def test_json_is_the_store_records():
    records = json.loads(export(HIGHLIGHTS, "json"))
    assert [r["id"] for r in records] == ["h1", "h2", "h3"]
    assert records[0] == HIGHLIGHTS[1].to_json()


def test_empty_and_unknown():
    assert export([], "md") == "# Highlights\n"
    assert export([], "csv").startswith("Highlight,Book Title")
    with pytest.raises(ValueError, match="md, json, csv"):
        export([], "html")


def test_write_export_to_a_given_path_and_by_default(tmp_path, monkeypatch):
    from reader.export import write_export

    target = write_export(HIGHLIGHTS, "csv", tmp_path / "sub" / "out.csv")
    assert target == tmp_path / "sub" / "out.csv" and target.read_text(encoding="utf-8").startswith("Highlight,")
    monkeypatch.chdir(tmp_path)
    default = write_export(HIGHLIGHTS, "md")
    assert default.parent == tmp_path and default.name.startswith("highlights-") and default.suffix == ".md"


def test_write_export_falls_back_to_the_data_folder(tmp_path, monkeypatch, isolated_home):
    from reader.export import write_export

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # a current folder that no longer exists cannot be written, even by root
    target = write_export(HIGHLIGHTS, "json")
    assert target.parent == isolated_home / "data" / "exports"
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "h1"


# --- times of subtitle/ASR turns (issue 8) ---------------------------------------------


def timed_highlights(tmp_path):
    """Highlights made through the store on a subtitle file: Anna Weber's
    turn starts at 0:06 (00:00:06,500)."""
    doc = load_document(Path(__file__).parent / "data" / "formats" / "interview.srt")
    store = Store.open(tmp_path / "store.jsonl")
    start = doc.text.index("Thank you, Roger")
    timed = store.add(doc, start, start + len("Thank you, Roger"))
    return doc, store, timed


def test_a_highlight_keeps_the_time_of_its_turn(tmp_path):
    _, store, timed = timed_highlights(tmp_path)
    assert (timed.speaker, timed.time) == ("Anna Weber", 6.5)
    store.save()
    again = Store.open(tmp_path / "store.jsonl").get(timed.id)
    assert again.time == 6.5 and again == timed


def test_json_and_markdown_exports_keep_the_time(tmp_path):
    _, _, timed = timed_highlights(tmp_path)
    records = json.loads(export([timed], "json"))
    assert records[0]["time"] == 6.5 and records[0]["speaker"] == "Anna Weber"
    assert "> Thank you, Roger\n>\n> — Anna Weber, 0:06\n" in export([timed], "md")
    hour = replace(timed, time=3732.0, speaker=None)
    assert "> — 1:02:12\n" in export([hour], "md")


def test_csv_keeps_its_columns_for_a_timed_highlight(tmp_path):
    _, _, timed = timed_highlights(tmp_path)
    rows = list(csv.reader(io.StringIO(export([timed], "csv"), newline="")))
    assert rows[0] == CSV_COLUMNS and rows[1][6:8] == ["order", str(timed.start)]


def test_untimed_highlights_export_as_before():
    assert all(h.time is None for h in HIGHLIGHTS)
    assert all("time" not in record for record in json.loads(export(HIGHLIGHTS, "json")))
    assert "0:" not in export(HIGHLIGHTS, "md")


def test_records_without_a_time_read_as_none_and_bad_times_are_refused():
    record = HIGHLIGHTS[0].to_json()
    assert "time" not in record and Highlight.from_json(record).time is None
    assert Highlight.from_json({**record, "time": None}).time is None
    assert Highlight.from_json({**record, "time": 192}).time == 192
    for bad in ("0:03", -1, float("nan"), True, [1]):
        with pytest.raises(ValueError):
            Highlight.from_json({**record, "time": bad})
